package org.openlsa.peers.jdk;

import com.sun.security.jgss.AuthorizationDataEntry;
import com.sun.security.jgss.ExtendedGSSContext;
import com.sun.security.jgss.ExtendedGSSCredential;
import com.sun.security.jgss.InquireType;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.EncryptionKey;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * The JDK's own Kerberos (Krb5LoginModule, JGSS) as a test peer, run in a child JVM by
 * {@code org.openlsa.peers.JdkKerberosPeer} so the JDK's process-wide Kerberos state (krb5.conf, caches) never
 * touches the caller's JVM. Public APIs only: javax.security.auth.kerberos, org.ietf.jgss, com.sun.security.jgss
 * and com.sun.security.auth.module.Krb5LoginModule.
 *
 * <p>Usage: {@code java -Djava.security.krb5.conf=F JdkKerberosMain OPERATION key=value...}; a password, when the
 * operation needs one, is the first line of stdin (never an argument: command lines are visible to everyone).
 * Prints exactly one JSON object line: {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":CLASS,"message":TEXT,"causes":["CLASS: TEXT",...]}}; exit status 0 or 2 likewise.
 *
 * <ul>
 * <li>{@code login principal=P}: a TGT by password.</li>
 * <li>{@code handshake principal=P target=T nameType=hostbased|principal keytab=K [flags=mutual,delegate,...]}:
 * password login, JGSS initiator to T, JGSS acceptor in this JVM with the keys of keytab K.</li>
 * <li>{@code impersonate service=S keytab=K user=U [target=T [targetKeytab=K2]]}: service login from keytab K,
 * S4U2Self for U, then initiation with the impersonated credential (always S4U2Proxy in JGSS) to T, default S
 * itself; the result is accepted with K (or K2 for another target, if given).</li>
 * </ul>
 */
public final class JdkKerberosMain {
    private static final String[] TICKET_FLAG_NAMES = {"reserved", "forwardable", "forwarded", "proxiable", "proxy",
            "may-postdate", "postdated", "invalid", "renewable", "initial", "pre-authent", "hw-authent",
            "transited-policy-checked", "ok-as-delegate", "bit-14", "enc-pa-rep", "anonymous"};

    private JdkKerberosMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, Object> reply;
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: JdkKerberosMain login|handshake|impersonate key=value...");
            }
            Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
            reply = switch (args[0]) {
                case "login" -> login(options);
                case "handshake" -> handshake(options);
                case "impersonate" -> impersonate(options);
                default -> throw new IllegalArgumentException("unknown operation " + args[0]);
            };
            reply.put("ok", true);
        } catch (Throwable t) {
            reply = error(t);
            reply.put("ok", false);
        }
        out.println(Json.write(reply));
        out.flush();
        System.exit(Boolean.TRUE.equals(reply.get("ok")) ? 0 : 2);
    }

    private static Map<String, String> options(String[] words) {
        Map<String, String> options = new HashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value: " + word);
            }
            options.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return value;
    }

    private static Map<String, Object> login(Map<String, String> options) throws Exception {
        Subject subject = passwordLogin(required(options, "principal"), readPassword());
        return describeTgt(subject);
    }

    private static Map<String, Object> handshake(Map<String, String> options) throws Exception {
        Subject client = passwordLogin(required(options, "principal"), readPassword());
        Subject server = acceptorSubject(new File(required(options, "keytab")));
        List<String> flags = List.of(options.getOrDefault("flags", "").split(","));
        GSSManager manager = GSSManager.getInstance();
        Oid krb5 = new Oid("1.2.840.113554.1.2.2");
        GSSName target = manager.createName(required(options, "target"),
                switch (options.getOrDefault("nameType", "principal")) {
                    case "hostbased" -> GSSName.NT_HOSTBASED_SERVICE;
                    case "principal" -> new Oid("1.2.840.113554.1.2.2.1"); // GSS_KRB5_NT_PRINCIPAL_NAME
                    default -> throw new IllegalArgumentException("nameType must be hostbased or principal");
                });
        GSSContext initiator = as(client, () -> {
            GSSContext ctx = manager.createContext(target, krb5, null, GSSContext.DEFAULT_LIFETIME);
            ctx.requestMutualAuth(flags.contains("mutual_authentication"));
            ctx.requestCredDeleg(flags.contains("delegate_to_peer"));
            ctx.requestReplayDet(flags.contains("replay_detection"));
            ctx.requestSequenceDet(flags.contains("out_of_sequence_detection"));
            ctx.requestConf(true);
            ctx.requestInteg(true);
            return ctx;
        });
        GSSContext acceptor = as(server, () -> manager.createContext(
                manager.createCredential(null, GSSCredential.INDEFINITE_LIFETIME, krb5, GSSCredential.ACCEPT_ONLY)));
        Map<String, Object> reply = new LinkedHashMap<>();
        byte[] token = as(client, () -> initiator.initSecContext(new byte[0], 0, 0));
        byte[] answer = as(server, () -> acceptor.acceptSecContext(token, 0, token.length));
        if (answer != null && answer.length > 0) {
            as(client, () -> initiator.initSecContext(answer, 0, answer.length));
        }
        reply.put("initiatorEstablished", initiator.isEstablished());
        reply.put("acceptorEstablished", acceptor.isEstablished());
        reply.put("initiatorSource", initiator.getSrcName().toString());
        reply.put("initiatorTarget", initiator.getTargName().toString());
        reply.put("acceptorSource", acceptor.getSrcName().toString());
        reply.put("acceptorTarget", acceptor.getTargName().toString());
        reply.put("mutual", initiator.getMutualAuthState());
        reply.put("credentialsDelegated", acceptor.getCredDelegState());
        GSSCredential delegated = acceptor.getCredDelegState() ? acceptor.getDelegCred() : null;
        reply.put("delegatedCredential", delegated == null ? null : delegated.getName().toString());
        ExtendedGSSContext ext = (ExtendedGSSContext) acceptor;
        EncryptionKey key = (EncryptionKey) ext.inquireSecContext(InquireType.KRB5_GET_SESSION_KEY_EX);
        reply.put("sessionKeyEnctype", key.getKeyType());
        reply.put("ticketFlags", flagNames((boolean[]) ext.inquireSecContext(InquireType.KRB5_GET_TKT_FLAGS)));
        AuthorizationDataEntry[] authz = (AuthorizationDataEntry[]) ext.inquireSecContext(
                InquireType.KRB5_GET_AUTHZ_DATA);
        List<Object> authzTypes = new ArrayList<>();
        if (authz != null) {
            for (AuthorizationDataEntry entry : authz) {
                authzTypes.add(entry.getType());
            }
        }
        reply.put("authzDataTypes", authzTypes);
        // Keys agree on both sides only if a wrapped message unwraps.
        byte[] message = "openlsa jdk peer".getBytes(StandardCharsets.UTF_8);
        byte[] wrapped = initiator.wrap(message, 0, message.length, new MessageProp(0, true));
        byte[] unwrapped = acceptor.unwrap(wrapped, 0, wrapped.length, new MessageProp(0, true));
        reply.put("wrapRoundTrip", Arrays.equals(message, unwrapped));
        initiator.dispose();
        acceptor.dispose();
        return reply;
    }

    private static Map<String, Object> impersonate(Map<String, String> options) throws Exception {
        String service = required(options, "service");
        File keytab = new File(required(options, "keytab"));
        Subject serviceSubject = keytabLogin(service, keytab);
        GSSManager manager = GSSManager.getInstance();
        Oid krb5 = new Oid("1.2.840.113554.1.2.2");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("serviceTgt", describeTgt(serviceSubject));
        GSSCredential impersonated = as(serviceSubject, () -> {
            GSSCredential self = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME, krb5,
                    GSSCredential.INITIATE_ONLY);
            // A Kerberos principal name: the default realm is added, as MIT's kvno -U does.
            return ((ExtendedGSSCredential) self).impersonate(
                    manager.createName(required(options, "user"), new Oid("1.2.840.113554.1.2.2.1")));
        });
        reply.put("impersonatedName", impersonated.getName().toString());
        // JGSS initiates with an impersonated credential through S4U2Proxy, even towards the service itself.
        String targetText = options.getOrDefault("target", service);
        String acceptKeytab = options.containsKey("target") ? options.get("targetKeytab") : keytab.getPath();
        Map<String, Object> initiation = new LinkedHashMap<>();
        try {
            GSSName target = manager.createName(targetText, new Oid("1.2.840.113554.1.2.2.1"));
            GSSContext initiator = as(serviceSubject, () -> {
                GSSContext ctx = manager.createContext(target, krb5, impersonated, GSSContext.DEFAULT_LIFETIME);
                ctx.requestMutualAuth(false);
                return ctx;
            });
            byte[] token = as(serviceSubject, () -> initiator.initSecContext(new byte[0], 0, 0));
            initiation.put("ok", true);
            if (acceptKeytab != null) {
                Subject acceptorSubject = acceptorSubject(new File(acceptKeytab));
                GSSContext acceptor = as(acceptorSubject, () -> manager.createContext(manager.createCredential(
                        null, GSSCredential.INDEFINITE_LIFETIME, krb5, GSSCredential.ACCEPT_ONLY)));
                as(acceptorSubject, () -> acceptor.acceptSecContext(token, 0, token.length));
                initiation.put("acceptorSource", acceptor.getSrcName().toString());
            }
        } catch (Throwable t) {
            initiation = error(t);
            initiation.put("ok", false);
        }
        reply.put("initiation", initiation);
        return reply;
    }

    private static Map<String, Object> describeTgt(Subject subject) {
        KerberosTicket tgt = subject.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(t -> t.getServer().getName().startsWith("krbtgt/"))
                .findFirst().orElseThrow(() -> new IllegalStateException("login gave no TGT"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("client", tgt.getClient().getName());
        reply.put("server", tgt.getServer().getName());
        reply.put("sessionKeyEnctype", tgt.getSessionKeyType());
        reply.put("flags", flagNames(tgt.getFlags()));
        reply.put("authTime", tgt.getAuthTime() == null ? null : tgt.getAuthTime().getTime());
        reply.put("startTime", tgt.getStartTime() == null ? null : tgt.getStartTime().getTime());
        reply.put("endTime", tgt.getEndTime().getTime());
        reply.put("renewTill", tgt.getRenewTill() == null ? null : tgt.getRenewTill().getTime());
        return reply;
    }

    private static List<Object> flagNames(boolean[] flags) {
        List<Object> names = new ArrayList<>();
        if (flags == null) {
            return names;
        }
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                names.add(i < TICKET_FLAG_NAMES.length ? TICKET_FLAG_NAMES[i] : "bit-" + i);
            }
        }
        return names;
    }

    private static Subject passwordLogin(String principal, char[] password) throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("principal", principal);
        options.put("refreshKrb5Config", "true");
        options.put("isInitiator", "true");
        options.put("storeKey", "false");
        options.put("useTicketCache", "false");
        LoginContext login = new LoginContext("openlsa-peer", new Subject(), callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(principal);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }, configuration(options));
        login.login();
        Arrays.fill(password, '\0');
        return login.getSubject();
    }

    private static Subject keytabLogin(String principal, File keytab) throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("principal", principal);
        options.put("refreshKrb5Config", "true");
        options.put("isInitiator", "true");
        options.put("useKeyTab", "true");
        options.put("keyTab", keytab.getPath());
        options.put("storeKey", "true");
        options.put("doNotPrompt", "true");
        options.put("useTicketCache", "false");
        LoginContext login = new LoginContext("openlsa-peer", new Subject(), callbacks -> {
            throw new UnsupportedCallbackException(callbacks[0], "keytab login prompts for nothing");
        }, configuration(options));
        login.login();
        return login.getSubject();
    }

    /** An acceptor's Subject holding an unbound KeyTab: it accepts tickets for any principal in the file. */
    private static Subject acceptorSubject(File keytab) {
        Subject subject = new Subject();
        subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(keytab));
        return subject;
    }

    private static Configuration configuration(Map<String, String> options) {
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
    }

    /** JDK 24+: Subject.getSubject throws; the JGSS calls find their credentials through Subject.current(). */
    private static <T> T as(Subject subject, Callable<T> action) throws Exception {
        try {
            return Subject.callAs(subject, action);
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static char[] readPassword() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            throw new IOException("no password on stdin");
        }
        return line.toCharArray();
    }

    private static Map<String, Object> error(Throwable t) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("error", t.getClass().getName());
        reply.put("message", t.getMessage());
        List<Object> causes = new ArrayList<>();
        for (Throwable c = t.getCause(); c != null && causes.size() < 8; c = c.getCause()) {
            causes.add(c.getClass().getName() + ": " + c.getMessage());
        }
        reply.put("causes", causes);
        return reply;
    }
}
