package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openlsa.peers.KcmAnswer;
import org.openlsa.peers.KcmConnection;
import org.openlsa.peers.KcmStatus;

/**
 * KCM servers compared at the wire, with requests MIT's client does not send or sends only in corner cases: empty
 * collections, missing and foreign cache names, opcodes a server may lack, broken framing. Each case runs on a
 * fresh connection of this JVM (uid 0) against a fresh server of {@link KcmOracleTest#servers()}; the answers must
 * equal the reference's where the protocol leaves no choice, and keep MIT's client working (a fallback, not a
 * hang) where it does. After the broken framing the server must still serve.
 */
class KcmWireOracleTest {
    /** Cases whose answer is the server's choice within what MIT's client accepts; compared by meaning only. */
    private static final List<String> SERVERS_MAY_DIFFER = List.of("RETRIEVE from a missing cache",
            "REPLACE a missing cache", "unknown opcode 4711", "major version 3", "request shorter than its header");
    /**
     * Writes into another uid's cache, which this JVM (root) may make where root holds SeTcbPrivilege and names the
     * cache (OpenLSA, docs/kcm.md) and sssd-kcm refuses: compared only where {@link KcmOracleTest#rootNamesOthersCaches}
     * is false.
     */
    private static final List<String> TCB_MAY_WRITE = List.of("INITIALIZE another uid's cache",
            "SET_DEFAULT_CACHE to another uid's cache");
    private static final Map<String, Map<String, KcmAnswer>> answers = new LinkedHashMap<>();
    private static final Map<String, Boolean> servingAfterAbuse = new LinkedHashMap<>();

    @BeforeAll
    static void askEveryServer() throws Exception {
        for (KcmEndpoint.Server server : KcmOracleTest.servers()) {
            try (KcmEndpoint endpoint = server.start()) {
                answers.put(server.name(), ask(endpoint));
                servingAfterAbuse.put(server.name(), abuse(endpoint));
            }
        }
    }

    @AfterAll
    static void clear() {
        answers.clear();
    }

    static Stream<String> serverNames() {
        return KcmOracleTest.serverNames();
    }

    /** An arbitrary principal in the FILE ccache v4 marshalling: name type, count, realm, components. */
    private static byte[] principal(String realm, String... components) {
        ByteBuffer b = ByteBuffer.allocate(256);
        b.putInt(1).putInt(components.length);
        byte[] r = realm.getBytes(StandardCharsets.UTF_8);
        b.putInt(r.length).put(r);
        for (String c : components) {
            byte[] x = c.getBytes(StandardCharsets.UTF_8);
            b.putInt(x.length).put(x);
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static Map<String, KcmAnswer> ask(KcmEndpoint endpoint) throws IOException {
        Map<String, KcmAnswer> a = new LinkedHashMap<>();
        byte[] alice = principal("KCM.TEST", "alice");
        a.put("GET_DEFAULT_CACHE, no caches", once(endpoint, KcmConnection.GET_DEFAULT_CACHE, new byte[0]));
        a.put("GET_CACHE_UUID_LIST, no caches", once(endpoint, KcmConnection.GET_CACHE_UUID_LIST, new byte[0]));
        a.put("GET_PRINCIPAL of a missing cache", once(endpoint, KcmConnection.GET_PRINCIPAL,
                KcmConnection.name("0:nosuch")));
        a.put("GET_CRED_UUID_LIST of a missing cache", once(endpoint, KcmConnection.GET_CRED_UUID_LIST,
                KcmConnection.name("0:nosuch")));
        a.put("GET_CRED_LIST of a missing cache", once(endpoint, KcmConnection.GET_CRED_LIST,
                KcmConnection.name("0:nosuch")));
        a.put("GET_KDC_OFFSET of a missing cache", once(endpoint, KcmConnection.GET_KDC_OFFSET,
                KcmConnection.name("0:nosuch")));
        a.put("DESTROY a missing cache", once(endpoint, KcmConnection.DESTROY, KcmConnection.name("0:nosuch")));
        a.put("GET_PRINCIPAL of another uid's cache", once(endpoint, KcmConnection.GET_PRINCIPAL,
                KcmConnection.name("1000")));
        a.put("INITIALIZE another uid's cache", once(endpoint, KcmConnection.INITIALIZE,
                concat(KcmConnection.name("1000:x"), alice)));
        a.put("SET_DEFAULT_CACHE to another uid's cache", once(endpoint, KcmConnection.SET_DEFAULT_CACHE,
                KcmConnection.name("1000")));
        a.put("GET_PRINCIPAL with a name lacking its NUL", once(endpoint, KcmConnection.GET_PRINCIPAL,
                "0".getBytes(StandardCharsets.US_ASCII)));
        a.put("RETRIEVE from a missing cache", once(endpoint, KcmConnection.RETRIEVE,
                concat(KcmConnection.name("0:nosuch"), u32(0), alice, principal("KCM.TEST", "krbtgt", "KCM.TEST"),
                        new byte[] {0, 0}, u32(0), u32(0), u32(0), u32(0), u32(0), new byte[] {0}, u32(0), u32(0),
                        u32(0), u32(0), u32(0))));
        a.put("REPLACE a missing cache", once(endpoint, KcmConnection.REPLACE,
                concat(KcmConnection.name("0:nosuch"), u32(0), alice, u32(0))));
        if (a.get("REPLACE a missing cache").status().isSuccess()) {
            // A server with REPLACE makes the cache, as kinit into a new cache needs: gone again for what follows.
            once(endpoint, KcmConnection.DESTROY, KcmConnection.name("0:nosuch"));
        }
        a.put("unknown opcode 4711", once(endpoint, 4711, new byte[0]));
        a.put("major version 3", raw(endpoint, concat(u32(4), new byte[] {3, 0, 0, KcmConnection.GET_DEFAULT_CACHE})));
        a.put("request shorter than its header", raw(endpoint, concat(u32(2), new byte[] {2, 0})));
        // A cache made and then looked at: GEN_NEW's name is the caller's uid and a server-chosen suffix.
        try (KcmConnection c = KcmConnection.connect(endpoint.socket())) {
            KcmAnswer genNew = c.exchange(KcmConnection.GEN_NEW, new byte[0]);
            a.put("GEN_NEW", genNew);
            if (genNew instanceof KcmAnswer.Reply r && r.nameOrNull() != null) {
                byte[] name = KcmConnection.name(r.nameOrNull());
                a.put("INITIALIZE the new cache", c.exchange(KcmConnection.INITIALIZE, concat(name, alice)));
                a.put("GET_PRINCIPAL of the new cache", c.exchange(KcmConnection.GET_PRINCIPAL, name));
                a.put("GET_CRED_UUID_LIST of the new cache", c.exchange(KcmConnection.GET_CRED_UUID_LIST, name));
                a.put("GET_CRED_LIST of the new cache", c.exchange(KcmConnection.GET_CRED_LIST, name));
                a.put("GET_CACHE_UUID_LIST, one cache", c.exchange(KcmConnection.GET_CACHE_UUID_LIST, new byte[0]));
                a.put("DESTROY the new cache", c.exchange(KcmConnection.DESTROY, name));
                a.put("GET_PRINCIPAL of the destroyed cache", c.exchange(KcmConnection.GET_PRINCIPAL, name));
            }
        }
        return a;
    }

    private static KcmAnswer once(KcmEndpoint endpoint, int opcode, byte[] args) throws IOException {
        try (KcmConnection c = KcmConnection.connect(endpoint.socket())) {
            return c.exchange(opcode, args);
        }
    }

    private static KcmAnswer raw(KcmEndpoint endpoint, byte[] bytes) throws IOException {
        try (KcmConnection c = KcmConnection.connect(endpoint.socket())) {
            return c.sendRaw(bytes);
        }
    }

    /**
     * Lengths that lie (2 GiB claimed, 1 byte sent; 16 MiB claimed, hang up) and a request cut short: then a new
     * connection must still get its default cache.
     */
    private static boolean abuse(KcmEndpoint endpoint) throws IOException {
        for (byte[] bytes : List.of(concat(u32(0x7fffffff), new byte[] {2}), concat(u32(16 << 20), new byte[] {2, 0,
                0, 20}), concat(u32(12), new byte[] {2, 0, 0, 8, '0'}))) {
            try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                    java.net.StandardProtocolFamily.UNIX)) {
                ch.connect(java.net.UnixDomainSocketAddress.of(endpoint.socket()));
                ch.write(ByteBuffer.wrap(bytes));
            }
        }
        try (KcmConnection c = KcmConnection.connect(endpoint.socket())) {
            // Any uid-named default will do: a SeTcbPrivilege root may have switched to another uid's cache above.
            String name = c.defaultCache();
            return name != null && name.matches("\\d+(:\\S+)?");
        }
    }

    /**
     * An answer as MIT's client sees it: a failure is its status, whether it came in the reply, as the transport
     * status or (KRB5_CC_IO) as a closed connection (sssd-kcm uses all three); GEN_NEW's random suffix and UUIDs
     * (random by nature) are reduced to their shape.
     */
    private static String asMitSeesIt(String key, KcmAnswer answer) {
        if (!answer.status().isSuccess()) {
            return "fails " + answer.status();
        }
        KcmAnswer.Reply r = (KcmAnswer.Reply) answer;
        String name = r.nameOrNull();
        if (key.equals("GEN_NEW") && name != null) {
            return "Reply[SUCCESS, name \"" + name.replaceFirst("^(\\d+):.*$", "$1:<new>") + "\"]";
        }
        if (key.contains("UUID_LIST")) {
            return "Reply[SUCCESS, " + r.data().length / 16 + " UUIDs]";
        }
        return answer.toString();
    }

    private static String listing(Map<String, KcmAnswer> answers, boolean asMitSeesIt) {
        StringBuilder b = new StringBuilder();
        answers.forEach((k, v) -> b.append(k).append(" -> ").append(asMitSeesIt ? asMitSeesIt(k, v)
                : k.equals("GEN_NEW") ? asMitSeesIt(k, v) : v.toString()).append('\n'));
        return b.toString();
    }

    private static Map<String, KcmAnswer> of(String server) {
        return answers.get(server);
    }

    @ParameterizedTest
    @MethodSource("serverNames")
    void answersKeepMitsClientWorking(String server) {
        Map<String, KcmAnswer> a = of(server);
        assertEquals("Reply[SUCCESS, name \"0\"]", a.get("GET_DEFAULT_CACHE, no caches").toString(),
                "the default cache of a uid without caches is named after the uid");
        for (String key : List.of("GET_PRINCIPAL of a missing cache", "GET_CRED_UUID_LIST of a missing cache",
                "GET_CRED_LIST of a missing cache", "GET_PRINCIPAL of another uid's cache",
                "GET_PRINCIPAL of the destroyed cache")) {
            assertTrue(!a.get(key).status().isSuccess(), () -> server + ": " + key + " -> " + a.get(key));
        }
        boolean tcb = KcmOracleTest.rootNamesOthersCaches(server);
        for (String key : TCB_MAY_WRITE) {
            assertEquals(tcb, a.get(key).status().isSuccess(), () -> server + ": " + key + " -> " + a.get(key));
        }
        for (String key : List.of("RETRIEVE from a missing cache", "unknown opcode 4711")) {
            KcmStatus s = a.get(key).status();
            assertTrue(!s.isSuccess(), () -> server + ": " + key + " -> " + a.get(key));
        }
        // REPLACE either makes the cache (MIT's kinit into a new cache relies on it) or is not supported at all.
        KcmStatus replace = a.get("REPLACE a missing cache").status();
        assertTrue(replace.isSuccess() || replace.meansUnsupported(), () -> server + ": REPLACE a missing cache -> "
                + a.get("REPLACE a missing cache"));
        KcmAnswer unknown = a.get("unknown opcode 4711");
        assertTrue(unknown.status().meansUnsupported(),
                () -> server + ": MIT's client falls back only on FCC_INTERNAL, CC_NOSUPP or CC_IO: " + unknown);
        KcmAnswer.Reply genNew = assertInstanceOf(KcmAnswer.Reply.class, a.get("GEN_NEW"));
        assertTrue(genNew.nameOrNull() != null && genNew.nameOrNull().matches("0:\\S+"), genNew::toString);
        assertEquals("Reply[SUCCESS, 0 bytes]", a.get("INITIALIZE the new cache").toString());
        assertEquals(KcmStatus.SUCCESS, a.get("GET_PRINCIPAL of the new cache").status());
        assertEquals("Reply[SUCCESS, 1 UUIDs]", asMitSeesIt("GET_CACHE_UUID_LIST, one cache",
                a.get("GET_CACHE_UUID_LIST, one cache")));
        assertEquals(KcmStatus.SUCCESS, a.get("DESTROY the new cache").status());
        assertTrue(servingAfterAbuse.get(server), server + " serves after lying lengths and cut requests");
    }

    /**
     * sssd-kcm 2.8.2's answers, recorded: a failure may come in the reply, as the transport status (zero length,
     * no data) or as a closed connection; a foreign uid's cache looks missing to reads and is refused to writes.
     */
    @Test
    void sssdKcmAnswersAsRecorded() {
        assertEquals("""
                GET_DEFAULT_CACHE, no caches -> Reply[SUCCESS, name "0"]
                GET_CACHE_UUID_LIST, no caches -> Reply[KRB5_FCC_NOFILE, 0 bytes]
                GET_PRINCIPAL of a missing cache -> Reply[KRB5_FCC_NOFILE, 0 bytes]
                GET_CRED_UUID_LIST of a missing cache -> Reply[KRB5_CC_NOTFOUND, 0 bytes]
                GET_CRED_LIST of a missing cache -> Reply[KRB5_CC_NOTFOUND, 0 bytes]
                GET_KDC_OFFSET of a missing cache -> Reply[KRB5_FCC_NOFILE, 0 bytes]
                DESTROY a missing cache -> TransportFailure[status=KRB5_FCC_NOFILE]
                GET_PRINCIPAL of another uid's cache -> Reply[KRB5_FCC_NOFILE, 0 bytes]
                INITIALIZE another uid's cache -> TransportFailure[status=KRB5_FCC_INTERNAL]
                SET_DEFAULT_CACHE to another uid's cache -> TransportFailure[status=KRB5_FCC_INTERNAL]
                GET_PRINCIPAL with a name lacking its NUL -> TransportFailure[status=KRB5_CC_IO]
                RETRIEVE from a missing cache -> TransportFailure[status=KRB5_FCC_INTERNAL]
                REPLACE a missing cache -> TransportFailure[status=KRB5_FCC_INTERNAL]
                unknown opcode 4711 -> ConnectionClosed[]
                major version 3 -> ConnectionClosed[]
                request shorter than its header -> ConnectionClosed[]
                GEN_NEW -> Reply[SUCCESS, name "0:<new>"]
                INITIALIZE the new cache -> Reply[SUCCESS, 0 bytes]
                GET_PRINCIPAL of the new cache -> Reply[SUCCESS, 29 bytes 0000000100000001000000084b434d2e5445535400000005616c696365]
                GET_CRED_UUID_LIST of the new cache -> Reply[SUCCESS, 0 bytes]
                GET_CRED_LIST of the new cache -> Reply[SUCCESS, 4 bytes 00000000]
                GET_CACHE_UUID_LIST, one cache -> Reply[SUCCESS, 16 bytes %s]
                DESTROY the new cache -> Reply[SUCCESS, 0 bytes]
                GET_PRINCIPAL of the destroyed cache -> Reply[KRB5_FCC_NOFILE, 0 bytes]
                """.formatted(java.util.HexFormat.of().formatHex(((KcmAnswer.Reply) of("sssd-kcm")
                        .get("GET_CACHE_UUID_LIST, one cache")).data())), listing(of("sssd-kcm"), false));
    }

    /** Where the protocol leaves no choice, every server answers as the reference does. */
    @Test
    void everyServerAnswersAsTheReference() {
        String reference = KcmOracleTest.servers().getFirst().name();
        for (KcmEndpoint.Server server : KcmOracleTest.servers()) {
            Map<String, KcmAnswer> want = new LinkedHashMap<>(of(reference));
            Map<String, KcmAnswer> got = new LinkedHashMap<>(of(server.name()));
            want.keySet().removeAll(SERVERS_MAY_DIFFER);
            got.keySet().removeAll(SERVERS_MAY_DIFFER);
            if (KcmOracleTest.rootNamesOthersCaches(server.name())) {
                want.keySet().removeAll(TCB_MAY_WRITE);
                got.keySet().removeAll(TCB_MAY_WRITE);
            }
            assertEquals(listing(want, true), listing(got, true), server.name() + " against " + reference);
        }
    }
}
