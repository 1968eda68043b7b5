import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one Jazzer {@code @FuzzTest} method through the JUnit Platform launcher, in a JVM of its own (Jazzer fuzzes
 * one target per JVM). bin/fuzz starts it with the module's test class path and JAZZER_FUZZ=1, which saves a Maven
 * and a Surefire start per target. Exit status 0 only when the target ran and nothing failed.
 *
 * <p>Usage: {@code java -cp <test class path> RunFuzzTest.java org.example.SomeFuzzTest fuzzMethod}
 */
public final class RunFuzzTest {
    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 2) {
            System.err.println("usage: RunFuzzTest fully.qualified.Class method");
            System.exit(2);
        }
        Class<?> testClass = Class.forName(args[0]);
        List<Method> named = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(args[1])).toList();
        if (named.size() != 1) { // fuzz targets are not overloaded; anything else is a typo worth stopping on
            System.err.println(args[0] + " has " + named.size() + " methods named " + args[1] + ", expected one");
            System.exit(2);
        }
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, named.getFirst())).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter err = new PrintWriter(System.err, true);
        summary.printFailuresTo(err, 40);
        if (summary.getTestsFoundCount() == 0) {
            err.println("no test ran for " + args[0] + "#" + args[1]);
            System.exit(1);
        }
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
