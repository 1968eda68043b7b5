package org.openlsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openlsa.cli.InProcessCli.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.krb5.files.Keytab;
import org.openlsa.krb5.files.KeytabEntry;
import org.openlsa.krb5.files.Principal;

/**
 * The Kerberos administration commands: realm choice at init, SPNs, constrained delegation, the Kerberos policy,
 * krb5.conf and keytab export (read back by our reader and by MIT klist, which must be installed).
 */
class KerberosCliTest {
    static final String ADMIN_PW = "Adm1n-Passw0rd!";
    static final String SVC_PW = "Svc-Passw0rd-1";

    @TempDir
    Path tmp;
    Path state;

    private Run lsa(String... args) {
        return lsaIn(state, args);
    }

    private static Run lsaIn(Path stateDir, String... args) {
        return InProcessCli.lsa(stateDir, args);
    }

    private Path passwordFile(String pw) throws Exception {
        Path f = Files.createTempFile(tmp, "pw", ".txt");
        Files.writeString(f, pw + "\n");
        return f;
    }

    private JsonNode json(Run r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @BeforeEach
    void init() throws Exception {
        state = tmp.resolve("state");
        Run r = lsa("init", "--domain", "CONTOSO", "--machine", "HOST1", "--password-file", passwordFile(ADMIN_PW).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("realm:         CONTOSO"), r.out());
        Run add = lsa("user", "add", "websvc", "--password-file", passwordFile(SVC_PW).toString());
        assertEquals(0, add.exit(), add.err());
    }

    @Test
    void initTakesTheRealmAndRefusesOneKrb5ConfCannotHold() throws Exception {
        Path other = tmp.resolve("other");
        Run r = lsaIn(other, "init", "--domain", "FABRIKAM", "--machine", "H2", "--realm", "FABRIKAM.TEST",
                "--password-file", passwordFile(ADMIN_PW).toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("FABRIKAM.TEST", json(lsaIn(other, "policy", "show", "--json")).get("realm").asText());
        JsonNode admin = json(lsaIn(other, "user", "show", "Administrator", "--json"));
        assertEquals(1, admin.get("kerberosKeys").get("kvno").asInt(), "init gives Administrator Kerberos keys");

        Run bad = lsaIn(tmp.resolve("bad"), "init", "--realm", "BAD REALM", "--password-file", passwordFile(ADMIN_PW).toString());
        assertEquals(ExitCode.USAGE, bad.exit());
        assertTrue(bad.err().contains("krb5.conf cannot hold"), bad.err());
        assertFalse(Files.exists(tmp.resolve("bad").resolve("sam.db")), "nothing written");
    }

    private static List<String> groupSids(JsonNode logon) {
        List<String> out = new ArrayList<>();
        logon.get("token").get("groups").forEach(g -> out.add(g.get("sid").asText()));
        return out;
    }

    @Test
    void kerberosPasswordAndS4uLogonsFromTheCommandLine() throws Exception {
        JsonNode pw = json(lsa("logon", "--package", "kerberos", "-u", "websvc", "--password-file",
                passwordFile(SVC_PW).toString(), "--json"));
        String websvc = pw.get("token").get("user").get("sid").asText();
        assertEquals("Primary", pw.get("token").get("type").asText());
        assertTrue(groupSids(pw).contains("S-1-18-1"), groupSids(pw).toString());

        // In this process the caller is the trusted CLI: an S4U Network logon can impersonate.
        JsonNode s4u = json(lsa("logon", "--package", "kerberos", "--s4u", "-u", "websvc", "-t", "network", "--json"));
        assertEquals(websvc, s4u.get("token").get("user").get("sid").asText());
        assertEquals("Impersonation", s4u.get("token").get("impersonationLevel").asText());
        assertTrue(groupSids(s4u).contains("S-1-18-2"), groupSids(s4u).toString());
        JsonNode identify = json(lsa("logon", "--package", "kerberos", "--s4u", "--identify", "-u", "websvc@CONTOSO",
                "-t", "network", "--json"));
        assertEquals("Identification", identify.get("token").get("impersonationLevel").asText());

        Run unknown = lsa("logon", "--package", "kerberos", "--s4u", "-u", "nobody", "-t", "network");
        assertEquals(ExitCode.LOGON_FAILURE, unknown.exit());
        assertTrue(unknown.err().contains("STATUS_LOGON_FAILURE"), unknown.err());
        Run misuse = lsa("logon", "--s4u", "-u", "websvc", "-t", "network");
        assertEquals(ExitCode.USAGE, misuse.exit());
        assertTrue(misuse.err().contains("need --package kerberos"), misuse.err());
    }

    private Run withStdin(String stdin, String... args) {
        java.io.InputStream old = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return lsa(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void kpasswdChangesAPasswordThroughTheKerberosPackage() throws Exception {
        // websvc's password was set by the administrator a moment ago: the default minimum age (a day) holds
        Run early = withStdin(SVC_PW + "\nSvc-Passw0rd-2\n", "kpasswd", "-u", "websvc", "--password-stdin");
        assertEquals(ExitCode.LSA_STATUS, early.exit(), early.err());
        assertTrue(early.err().contains("STATUS_PASSWORD_RESTRICTION"), early.err());
        assertEquals(0, lsa("policy", "set", "--min-password-age", "0").exit());
        Run changed = withStdin(SVC_PW + "\nSvc-Passw0rd-2\n", "kpasswd", "-u", "websvc", "--password-stdin");
        assertEquals(0, changed.exit(), changed.err());
        assertEquals("Password changed.\n", changed.out());
        assertTrue(changed.err().contains("no daemon serves"), "in this process, and it says so: " + changed.err());
        assertEquals(0, lsa("logon", "--package", "kerberos", "-u", "websvc", "--password-file",
                passwordFile("Svc-Passw0rd-2").toString()).exit());
        assertEquals(ExitCode.LOGON_FAILURE, lsa("logon", "--package", "kerberos", "-u", "websvc", "--password-file",
                passwordFile(SVC_PW).toString()).exit());

        Run wrong = withStdin("not-it\nSvc-Passw0rd-3\n", "kpasswd", "-u", "websvc", "--password-stdin");
        assertEquals(ExitCode.LOGON_FAILURE, wrong.exit());
        assertTrue(wrong.err().contains("STATUS_WRONG_PASSWORD"), wrong.err());
        assertEquals(0, lsa("policy", "set", "--min-password-length", "30").exit());
        Run refused = withStdin("Svc-Passw0rd-2\nShort-Passw0rd-4\n", "kpasswd", "-u", "websvc",
                "--password-stdin");
        assertEquals(ExitCode.LSA_STATUS, refused.exit(), refused.err());
        assertTrue(refused.err().contains("STATUS_PASSWORD_RESTRICTION") && refused.err().contains("policy"),
                refused.err());
        Run noTerminal = lsa("kpasswd", "-u", "websvc");
        assertEquals(ExitCode.USAGE, noTerminal.exit());
        assertTrue(noTerminal.err().contains("--password-stdin"), noTerminal.err());
    }

    @Test
    void spnsAreAddedListedRemovedAndUniqueInTheRealm() throws Exception {
        Run add = lsa("spn", "add", "websvc", "HTTP/web.contoso.test");
        assertEquals(0, add.exit(), add.err());
        assertEquals("Registered HTTP/web.contoso.test on CONTOSO\\websvc\n", add.out());
        assertEquals(0, lsa("spn", "add", "websvc", "HTTP/web.contoso.test:8443").exit());

        Run taken = lsa("spn", "add", "Administrator", "http/WEB.contoso.test");
        assertEquals(ExitCode.LSA_STATUS, taken.exit());
        assertTrue(taken.err().contains("service principal name 'http/WEB.contoso.test' is already registered on "
                + "CONTOSO\\websvc"), taken.err());
        assertTrue(taken.err().contains("STATUS_OBJECT_NAME_COLLISION"), taken.err());

        assertEquals(ExitCode.USAGE, lsa("spn", "add", "websvc", "no-slash").exit());
        assertEquals(ExitCode.USAGE, lsa("spn", "add", "websvc", "HTTP/a@REALM").exit());
        Run krbtgt = lsa("spn", "add", "websvc", "krbtgt/EVIL");
        assertEquals(ExitCode.USAGE, krbtgt.exit());
        assertTrue(krbtgt.err().contains("belong to the KDC"), krbtgt.err());
        assertEquals(ExitCode.LSA_STATUS, lsa("spn", "add", "nobody", "HTTP/x").exit());

        Run list = lsa("spn", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("websvc               HTTP/web.contoso.test\n")
                && list.out().contains("websvc               HTTP/web.contoso.test:8443\n"), list.out());
        JsonNode one = json(lsa("spn", "list", "websvc", "--json"));
        assertEquals(1, one.size());
        assertEquals("websvc", one.get(0).get("account").asText());
        assertEquals(List.of("HTTP/web.contoso.test", "HTTP/web.contoso.test:8443"), strings(one.get(0).get("spns")));
        assertEquals(0, json(lsa("spn", "list", "Administrator", "--json")).get(0).get("spns").size());

        Run removed = lsa("spn", "remove", "websvc", "http/web.CONTOSO.test");
        assertEquals(0, removed.exit(), removed.err());
        Run again = lsa("spn", "remove", "websvc", "HTTP/web.contoso.test");
        assertEquals(ExitCode.LSA_STATUS, again.exit());
        assertTrue(again.err().contains("STATUS_OBJECT_NAME_NOT_FOUND"), again.err());
        assertEquals(List.of("HTTP/web.contoso.test:8443"),
                strings(json(lsa("user", "show", "websvc", "--json")).get("servicePrincipalNames")));
        assertEquals(0, lsa("spn", "add", "Administrator", "HTTP/web.contoso.test").exit(), "free again");
    }

    @Test
    void delegationListAndFlags() throws Exception {
        Run set = lsa("delegation", "set", "websvc", "cifs/fs1.contoso.test", "HTTP/api.contoso.test");
        assertEquals(0, set.exit(), set.err());
        assertEquals(0, lsa("user", "set", "websvc", "--trusted-to-auth-for-delegation").exit());
        assertEquals(0, lsa("user", "set", "Administrator", "--not-delegated", "--dont-require-preauth").exit());
        JsonNode d = json(lsa("delegation", "show", "websvc", "--json"));
        assertEquals(List.of("cifs/fs1.contoso.test", "HTTP/api.contoso.test"), strings(d.get("allowedToDelegateTo")));
        assertTrue(d.get("trustedToAuthForDelegation").asBoolean());
        assertFalse(d.get("trustedForDelegation").asBoolean());
        assertFalse(d.get("notDelegated").asBoolean());
        Run text = lsa("delegation", "show", "websvc");
        assertTrue(text.out().contains("Allowed to delegate to          cifs/fs1.contoso.test, HTTP/api.contoso.test")
                && text.out().contains("Trusted to auth. for delegation yes (protocol transition)"), text.out());

        JsonNode admin = json(lsa("user", "show", "Administrator", "--json"));
        assertTrue(strings(admin.get("flags")).containsAll(List.of("NOT_DELEGATED", "DONT_REQUIRE_PREAUTH")));
        assertTrue(json(lsa("delegation", "show", "Administrator", "--json")).get("notDelegated").asBoolean());
        assertTrue(lsa("user", "list").out().contains("dont-require-preauth,not-delegated"));
        assertEquals(0, lsa("user", "set", "Administrator", "--no-not-delegated", "--trusted-for-delegation").exit());
        JsonNode after = json(lsa("delegation", "show", "Administrator", "--json"));
        assertFalse(after.get("notDelegated").asBoolean());
        assertTrue(after.get("trustedForDelegation").asBoolean());

        assertEquals(0, lsa("delegation", "set", "websvc").exit(), "no SPN clears the list");
        assertEquals(0, json(lsa("delegation", "show", "websvc", "--json")).get("allowedToDelegateTo").size());
        assertEquals(ExitCode.USAGE, lsa("delegation", "set", "websvc", "not an spn").exit());
        assertEquals(ExitCode.LSA_STATUS, lsa("delegation", "show", "nobody").exit());
    }

    @Test
    void kerberosPolicyIsShownAndSet() throws Exception {
        JsonNode p = json(lsa("policy", "show", "--json"));
        assertEquals("CONTOSO", p.get("realm").asText());
        assertEquals(List.of("aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96", "aes256-cts-hmac-sha384-192",
                "aes128-cts-hmac-sha256-128"), strings(p.get("kerberosEnctypes")), "AES only by default");
        assertEquals("10h", p.get("maxTicketAge").asText());
        assertEquals("7d", p.get("maxRenewAge").asText());
        assertEquals("5m", p.get("maxClockSkew").asText());
        assertTrue(p.get("preauthRequired").asBoolean());

        Run set = lsa("policy", "set", "--kerberos-enctypes", "aes256-cts-hmac-sha1-96,17", "--max-ticket-age", "8h",
                "--max-service-ticket-age", "2h", "--max-renew-age", "1d", "--max-clock-skew", "2m",
                "--preauth-required", "false");
        assertEquals(0, set.exit(), set.err());
        assertFalse(set.err().contains("rc4"), set.err());
        p = json(lsa("policy", "show", "--json"));
        assertEquals(List.of("aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96"), strings(p.get("kerberosEnctypes")));
        assertEquals("8h", p.get("maxTicketAge").asText());
        assertEquals("2h", p.get("maxServiceTicketAge").asText());
        assertEquals("1d", p.get("maxRenewAge").asText());
        assertEquals("2m", p.get("maxClockSkew").asText());
        assertFalse(p.get("preauthRequired").asBoolean());
        Run text = lsa("policy", "show");
        for (String line : List.of("Kerberos realm              CONTOSO",
                "Kerberos enctypes           aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96",
                "Maximum ticket age          8h", "Maximum service ticket age  2h", "Maximum renewal age         1d",
                "Maximum clock skew          2m", "Pre-authentication          not required")) {
            assertTrue(text.out().contains(line), line + " in:\n" + text.out());
        }

        // New keys follow the policy: a password set now makes exactly these.
        assertEquals(0, lsa("user", "passwd", "websvc", "--password-file", passwordFile(SVC_PW).toString()).exit());
        JsonNode keys = json(lsa("user", "show", "websvc", "--json")).get("kerberosKeys");
        assertEquals(2, keys.get("kvno").asInt());
        assertEquals(List.of("aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96"), strings(keys.get("enctypes")));

        Run rc4 = lsa("policy", "set", "--kerberos-enctypes", "aes256-cts rc4-hmac");
        assertEquals(0, rc4.exit(), rc4.err());
        assertTrue(rc4.err().contains("rc4-hmac keys are the NT hash"), rc4.err());
        assertEquals(List.of("aes256-cts-hmac-sha1-96", "rc4-hmac"),
                strings(json(lsa("policy", "show", "--json")).get("kerberosEnctypes")));

        Run unknown = lsa("policy", "set", "--kerberos-enctypes", "des-cbc-crc");
        assertEquals(ExitCode.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("unknown or unsupported enctype 'des-cbc-crc'"), unknown.err());
        Run tooLong = lsa("policy", "set", "--max-service-ticket-age", "9h");
        assertEquals(ExitCode.USAGE, tooLong.exit(), "a service ticket may not outlive the 8h TGT");
        assertTrue(tooLong.err().contains("exceeds"), tooLong.err());
        assertEquals(ExitCode.USAGE, lsa("policy", "set", "--max-ticket-age", "0").exit());
        assertEquals(ExitCode.USAGE, lsa("policy", "set", "--max-clock-skew", "soon").exit());
    }

    @Test
    void krb5confNamesTheRealmAndTheKdc() throws Exception {
        Run r = lsa("krb5conf");
        assertEquals(0, r.exit(), r.err());
        String conf = r.out();
        for (String line : List.of("[libdefaults]", "    default_realm = CONTOSO", "    dns_lookup_kdc = false",
                "    dns_lookup_realm = false", "    rdns = false", "    dns_canonicalize_hostname = false",
                "    forwardable = true", "[realms]", "    CONTOSO = {", "        kdc = 127.0.0.1:88",
                "        kpasswd_server = 127.0.0.1:464", "    }")) {
            assertTrue(conf.lines().anyMatch(line::equals), line + " in:\n" + conf);
        }
        assertFalse(conf.contains("[domain_realm]"), "CONTOSO names no DNS domain");

        Files.writeString(state.resolve("kdc.properties"), "address = 127.0.0.2\nport = 1088\n");
        Run moved = lsa("krb5conf");
        assertTrue(moved.out().contains("        kdc = 127.0.0.2:1088\n"));
        assertFalse(moved.out().contains("kpasswd_server"), "a free port not bound yet has no name: " + moved.out());
        assertTrue(moved.err().contains("kpasswd listens on a free port"), moved.err());
        Files.writeString(state.resolve("kdc.properties"), "address = 127.0.0.2\nport = 1088\nkpasswd_port = 1464\n");
        assertTrue(lsa("krb5conf").out().contains("        kpasswd_server = 127.0.0.2:1464\n"));
        assertTrue(lsa("krb5conf", "--kdc", "kdc.contoso.test:750").out().contains(
                "        kpasswd_server = kdc.contoso.test:1464\n"), "--kdc names the host kpasswd is on too");
        assertTrue(lsa("krb5conf", "--kpasswd", "pw.contoso.test:464").out().contains(
                "        kpasswd_server = pw.contoso.test:464\n"));
        assertEquals(ExitCode.USAGE, lsa("krb5conf", "--kpasswd", "a b").exit());
        Files.writeString(state.resolve("kdc.properties"), "address = 127.0.0.2\nport = 1088\n");
        // An endpoint file nobody holds the KDC lock for is a crashed KDC's: not trusted.
        Files.writeString(state.resolve("kdc.endpoint"), "127.0.0.1:4242\n");
        assertTrue(lsa("krb5conf").out().contains("        kdc = 127.0.0.2:1088\n"));
        assertTrue(lsa("krb5conf", "--kdc", "kdc.contoso.test:750").out().contains("        kdc = kdc.contoso.test:750\n"));
        assertTrue(lsa("krb5conf", "--kdc", "[::1]:88").out().contains("        kdc = [::1]:88\n"));
        assertEquals(ExitCode.USAGE, lsa("krb5conf", "--kdc", "a b:88").exit());
        assertEquals(ExitCode.USAGE, lsa("krb5conf", "--kdc", "host:99999").exit());
        Files.writeString(state.resolve("kdc.properties"), "prot = 88\n");
        assertEquals(ExitCode.USAGE, lsa("krb5conf").exit(), "a misspelt key is reported, not ignored");

        Path dotted = tmp.resolve("dotted");
        assertEquals(0, lsaIn(dotted, "init", "--domain", "EXAMPLE", "--realm", "EXAMPLE.COM", "--password-file",
                passwordFile(ADMIN_PW).toString()).exit());
        String d = lsaIn(dotted, "krb5conf").out();
        assertTrue(d.contains("[domain_realm]\n    .example.com = EXAMPLE.COM\n    example.com = EXAMPLE.COM\n"), d);
    }

    @Test
    void keytabExportWritesTheSpnKeysThatOurReaderAndMitKlistRead() throws Exception {
        assertEquals(0, lsa("spn", "add", "websvc", "HTTP/web.contoso.test").exit());
        assertEquals(0, lsa("spn", "add", "websvc", "MSSQLSvc/db.contoso.test:1433/inst").exit());
        Path kt = tmp.resolve("web.keytab");
        Run export = lsa("keytab", "export", "--spn", "http/WEB.contoso.test", "--spn",
                "MSSQLSvc/db.contoso.test:1433/inst", "--account", "websvc", kt.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("HTTP/web.contoso.test@CONTOSO: kvno 1, aes256-cts-hmac-sha1-96"),
                "the SPN as registered, not as typed: " + export.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kt)));

        List<String> policyEnctypes = List.of("aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96",
                "aes256-cts-hmac-sha384-192", "aes128-cts-hmac-sha256-128");
        try (Keytab keytab = Keytab.read(kt)) {
            assertEquals(12, keytab.entries().size(), "3 principals x 4 enctypes");
            List<KeytabEntry> http = keytab.entriesFor(Principal.of("CONTOSO", "HTTP", "web.contoso.test"));
            assertEquals(4, http.size());
            for (KeytabEntry e : http) {
                assertEquals(Principal.NT_SRV_INST, e.principal().nameType());
                assertEquals(1, e.kvno());
            }
            assertEquals(List.of(18, 17, 20, 19), http.stream().map(e -> e.key().enctype()).toList());
            List<KeytabEntry> sql = keytab.entriesFor(Principal.of("CONTOSO", "MSSQLSvc", "db.contoso.test:1433", "inst"));
            assertEquals(Principal.NT_PRINCIPAL, sql.get(0).principal().nameType(), "3 components: NT-PRINCIPAL");
            assertEquals(4, keytab.entriesFor(Principal.of("CONTOSO", "websvc")).size());
            // Never a key on the terminal.
            for (KeytabEntry e : keytab.entries()) {
                String hex = HexFormat.of().formatHex(e.key().key().copyBytes());
                assertFalse(export.out().contains(hex) || export.out().toLowerCase().contains(hex), "key printed");
            }
        }

        String klist = klist(kt);
        for (String enctype : policyEnctypes) {
            assertTrue(klist.contains("   1 ") && klist.contains("HTTP/web.contoso.test@CONTOSO (" + enctype + ")"),
                    enctype + " in:\n" + klist);
        }
        assertTrue(klist.contains("MSSQLSvc/db.contoso.test:1433/inst@CONTOSO (aes256-cts-hmac-sha1-96)"), klist);
        assertTrue(klist.contains("websvc@CONTOSO (aes128-cts-hmac-sha256-128)"), klist);

        Run rotated = lsa("keytab", "export", "--rotate", "--spn", "HTTP/web.contoso.test", kt.toString());
        assertEquals(0, rotated.exit(), rotated.err());
        try (Keytab keytab = Keytab.read(kt)) {
            assertEquals(Set.of(2), keytab.entries().stream().map(KeytabEntry::kvno).collect(Collectors.toSet()));
            assertEquals(4, keytab.entries().size(), "the file is replaced, not appended to");
        }
        String klist2 = klist(kt);
        assertTrue(klist2.lines().filter(l -> l.contains("HTTP/web.contoso.test@CONTOSO")).allMatch(l -> l.startsWith("   2 ")),
                klist2);
        assertEquals(2, json(lsa("user", "show", "websvc", "--json")).get("kerberosKeys").get("kvno").asInt());
    }

    @Test
    void keytabExportFailsClearly() throws Exception {
        Path kt = tmp.resolve("x.keytab");
        Run unknown = lsa("keytab", "export", "--spn", "HTTP/nowhere.contoso.test", kt.toString());
        assertEquals(ExitCode.LSA_STATUS, unknown.exit());
        assertTrue(unknown.err().contains("no account holds the service principal name 'HTTP/nowhere.contoso.test'"),
                unknown.err());
        assertFalse(Files.exists(kt));

        assertEquals(0, lsa("user", "add", "keyless", "--no-password").exit());
        assertEquals(0, lsa("spn", "add", "keyless", "HTTP/keyless.contoso.test").exit());
        Run noKeys = lsa("keytab", "export", "--spn", "HTTP/keyless.contoso.test", kt.toString());
        assertEquals(ExitCode.LSA_STATUS, noKeys.exit());
        assertTrue(noKeys.err().contains("account keyless has no Kerberos keys"), noKeys.err());
        assertFalse(Files.exists(kt));
        Run random = lsa("keytab", "export", "--rotate", "--spn", "HTTP/keyless.contoso.test", kt.toString());
        assertEquals(0, random.exit(), random.err());
        assertTrue(random.out().contains("kvno 1"), "first random keys: " + random.out());

        Run krbtgt = lsa("keytab", "export", "--account", "krbtgt", kt.toString());
        assertEquals(ExitCode.LSA_STATUS, krbtgt.exit());
        assertTrue(krbtgt.err().contains("the keys of krbtgt are not exported"), krbtgt.err());
        assertEquals(ExitCode.USAGE, lsa("keytab", "export", kt.toString()).exit(), "nothing to export");
        assertEquals(ExitCode.USAGE, lsa("keytab", "export", "--account", "websvc",
                tmp.resolve("no/such/dir/k").toString()).exit());
    }

    @Test
    void serveAndKdcRefuseATakenKdcPortWithAMessageNotAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0));
            String port = Integer.toString(taken.getLocalPort());
            for (Run r : List.of(lsa("serve", "--kdc-port", port), lsa("kdc", "--port", port))) {
                assertEquals(ExitCode.ERROR, r.exit(), r.err());
                assertTrue(r.err().startsWith("lsa: cannot serve the KDC on 127.0.0.1:" + port + " (udp+tcp): "), r.err());
                assertTrue(r.err().contains("kdc.properties") && r.err().contains("--no-kdc"), r.err());
                assertFalse(r.err().contains("unexpected") || r.err().contains("Exception"), r.err());
            }
            assertFalse(Files.exists(state.resolve("lsad.sock")));
            assertFalse(Files.exists(state.resolve("kdc.endpoint")));
        }
        assertEquals(ExitCode.USAGE, lsa("serve", "--no-kdc", "--kdc-port", "0").exit());
        assertEquals(ExitCode.USAGE, lsa("kdc", "--port", "65536").exit());
        assertEquals(ExitCode.USAGE, lsa("kdc", "--address", "no such host.invalid").exit());
    }

    /** {@code klist -k -t -e FILE}. MIT klist must be installed (krb5-user): a missing tool fails the test. */
    static String klist(Path keytab) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("klist", "-k", "-t", "-e", keytab.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("MIT klist is required for this test (install krb5-user): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "klist -k: " + out);
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
