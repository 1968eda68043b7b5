package org.openlsa.store.sqlite;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process of {@link DurabilityTest}: creates users u0, u1, ... in the store at {@code args[0]} forever and
 * prints {@code ACK <name>} only after createUser has returned, i.e. after the store acknowledged the change.
 */
public final class DurabilityChild {
    private DurabilityChild() {}

    public static void main(String[] args) throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(Path.of(args[0]))) {
            for (int i = 0; ; i++) {
                String name = "u" + i;
                store.createUser(TestDomain.user(store.allocateRid(), name), Optional.of(TestDomain.hash(i)));
                System.out.println("ACK " + name);
                System.out.flush();
            }
        }
    }
}
