package org.openlsa.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.kdc.client.KdcTransport.KdcAddress;

class Krb5ConfTest {
    static final String TEXT = """
            # comment
            [libdefaults]
                default_realm = EXAMPLE.COM
                kdc_timeout = 2s
                udp_preference_limit = 1
                default_keytab_name = FILE:/etc/openlsa/host.keytab
            ; another comment
            [realms]
                EXAMPLE.COM = {
                    kdc = kdc1.example.com
                    kdc = kdc2.example.com:1088
                    kdc = [::1]:750
                    admin_server = kdc1.example.com
                }
                OTHER.ORG = {
                    kdc = tcp/10.0.0.1
                }
            [domain_realm]
                .example.com = EXAMPLE.COM
                other.org = OTHER.ORG
                special.example.com = OTHER.ORG
            """;

    @Test
    void readsWhatLocatingKdcsNeeds() throws IOException {
        Krb5Conf c = Krb5Conf.parse(TEXT, "test");
        assertEquals(Optional.of("EXAMPLE.COM"), c.defaultRealm());
        assertEquals(List.of(new KdcAddress("kdc1.example.com", 88), new KdcAddress("kdc2.example.com", 1088),
                new KdcAddress("::1", 750)), c.kdcs("EXAMPLE.COM"));
        assertEquals(List.of(new KdcAddress("10.0.0.1", 88)), c.kdcs("OTHER.ORG"));
        assertEquals(List.of(), c.kdcs("example.com"), "realm names are case-sensitive, as in MIT's library");
        assertEquals(Duration.ofSeconds(2), c.kdcTimeout());
        assertEquals(1, c.udpPreferenceLimit());
        assertEquals(Optional.of(Path.of("/etc/openlsa/host.keytab")), c.defaultKeytab());
        assertEquals(Optional.of("EXAMPLE.COM"), c.realmOfHost("www.example.com"));
        assertEquals(Optional.of("OTHER.ORG"), c.realmOfHost("special.example.com"));
        assertEquals(Optional.of("OTHER.ORG"), c.realmOfHost("host.other.org"));
        assertEquals(Optional.empty(), c.realmOfHost("nowhere.net"));
    }

    @Test
    void kpasswdServersAsMitLooksThemUpThenTheKdcsHosts() throws IOException {
        Krb5Conf c = Krb5Conf.parse("[realms]\n A = {\n  kdc = kdc.a:88\n  kpasswd_server = pw.a\n"
                + "  kpasswd_server = [::1]:1464\n  admin_server = adm.a:749\n }\n"
                + " B = {\n  kdc = kdc.b:750\n  admin_server = adm.b:749\n }\n"
                + " C = {\n  kdc = dc1.c\n  kdc = dc2.c:88\n }\n", "test");
        assertEquals(List.of(new KdcAddress("pw.a", 464), new KdcAddress("::1", 1464)), c.kpasswdServers("A"));
        assertEquals(List.of(new KdcAddress("adm.b", 464)), c.kpasswdServers("B"),
                "admin_server's host on port 464, never its kadmin port");
        assertEquals(List.of(new KdcAddress("dc1.c", 464), new KdcAddress("dc2.c", 464)), c.kpasswdServers("C"),
                "Active Directory: every domain controller serves kpasswd");
        assertEquals(List.of(), c.kpasswdServers("D"));
        assertThrows(IOException.class, () -> Krb5Conf.parse("[realms]\n A = {\n  kpasswd_server = h:port\n }\n",
                "bad").kpasswdServers("A"));
    }

    @Test
    void defaultsWhenAbsent() throws IOException {
        Krb5Conf c = Krb5Conf.empty();
        assertEquals(Krb5Conf.DEFAULT_KDC_TIMEOUT, c.kdcTimeout());
        assertEquals(Krb5Conf.DEFAULT_UDP_PREFERENCE_LIMIT, c.udpPreferenceLimit());
        assertEquals(Optional.empty(), c.defaultRealm());
    }

    @Test
    void includesAreFollowed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/realm.conf"), "[realms]\n R.TEST = {\n  kdc = 127.0.0.1:1088\n }\n");
        Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n default_realm = R.TEST\nincludedir conf.d\n");
        Krb5Conf c = Krb5Conf.parse(dir.resolve("krb5.conf"));
        assertEquals(List.of(new KdcAddress("127.0.0.1", 1088)), c.kdcs("R.TEST"));
    }

    @Test
    void malformedFilesNameTheLine() {
        for (String bad : new String[] {"kdc = x", "[realms]\n R = {\n kdc = a\n", "[realms]\n }\n",
            "[libdefaults]\n just words\n", "[libdefaults]\n kdc_timeout = soon\n"}) {
            IOException e = assertThrows(IOException.class, () -> {
                Krb5Conf c = Krb5Conf.parse(bad, "bad.conf");
                c.kdcTimeout();
            }, bad);
            assertTrue(e.getMessage().startsWith("bad.conf") || e.getMessage().contains("kdc_timeout"), e.getMessage());
        }
        for (String bad : new String[] {"999999999999999999m", "0", "-3s"}) {
            IOException e = assertThrows(IOException.class, () -> Krb5Conf.parse("[libdefaults]\n kdc_timeout = " + bad
                    + "\n", "t").kdcTimeout(), bad);
            assertTrue(e.getMessage().contains("kdc_timeout"), e.getMessage());
        }
        IOException include = assertThrows(IOException.class, () -> Krb5Conf.parse("include /etc/passwd\n", "text"));
        assertTrue(include.getMessage().contains("only in a file"), include.getMessage());
        IOException port = assertThrows(IOException.class, () -> Krb5Conf.parse("[realms]\n R = {\n kdc = h:99999\n }\n",
                "p").kdcs("R"));
        assertTrue(port.getMessage().contains("bad port"), port.getMessage());
    }
}
