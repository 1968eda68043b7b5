package org.openlsa.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LogonResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.msv1_0.Msv1_0Lm20Logon;
import org.openlsa.msv1_0.Msv1_0Lm20LogonCodec;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfile;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfileCodec;
import org.openlsa.peers.Impacket;
import org.openlsa.peers.NtlmAuthHelper;
import org.openlsa.peers.NtlmAuthPolicy;
import org.openlsa.peers.NtlmRequest;
import org.openlsa.peers.Ntlmv2Response;
import org.openlsa.peers.SambaLogonError;
import org.openlsa.peers.SambaNtlmServer;
import org.openlsa.peers.SambaVerdict;
import org.openlsa.sam.AccountFlag;
import org.openlsa.sam.NtlmPolicy;
import org.openlsa.testkit.NtlmResponses;
import org.openlsa.testkit.RealmEngine;
import org.openlsa.testkit.SuiteLimits;
import org.openlsa.testkit.TestRealm;

/**
 * Samba as an oracle for MSV1_0 network logons: the same accounts in a private Samba (tdbsam, winbindd, ntlm_auth)
 * and in an in-process OpenLSA, the same requests (computed by impacket, the independent client, then varied) to
 * both, and for every request the same verdict, the same reason for a refusal and, on success, the same
 * UserSessionKey (and LanmanSessionKey when Samba returns one). Samba's server is named after OpenLSA's test domain
 * (TESTDOM), so a request naming TESTDOM is one both sides answer to.
 *
 * <p>Needs root and the peers (samba, winbind, libnss-wrapper, python3-impacket); a missing peer fails the test.
 */
class SambaOracleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String DOMAIN = TestRealm.DOMAIN;
    /** Unix user names are machine-wide: prefixed so that other Samba tests running at the same time do not clash. */
    private static final String ALICE = "oracle_alice";
    private static final String BOB = "oracle_bob";
    private static final String CAROL = "oracle_carol";
    /**
     * A name whose upper case depends on how one upper-cases: Windows and Samba, one UTF-16 code unit at a time
     * through their table, make "ORACLE_STRAßEµſ"; String.toUpperCase and Python's str.upper (impacket) make
     * "ORACLE_STRASSEΜS"; Unicode's simple mapping per code unit (Character.toUpperCase) "ORACLE_STRAßEΜS".
     */
    private static final String DORA = "oracle_straßeµſ";
    private static final String DORA_UPCASED = "ORACLE_STRAßEµſ";
    private static final String ALICE_PASSWORD = "Hattr-Passw0rd!";
    private static final String BOB_PASSWORD = "Bøb-Pässwörd-€-日本";
    private static final String CAROL_PASSWORD = "Car0l-Disabled";
    private static final String DORA_PASSWORD = "D0ra-Straße";
    private static final String WORKSTATION = "ORACLECLIENT";
    /** AV pairs MsvAvNbDomainName "TESTDOM", MsvAvNbComputerName "TESTDOM", MsvAvEOL. */
    private static final byte[] TARGET_INFO = targetInfo(DOMAIN, DOMAIN);
    /** 2026-11-18T10:00:00Z as a FILETIME: impacket's client mode writes it into the blob and MsvAvTimestamp. */
    private static final long FILETIME = (TestRealm.START.getEpochSecond() + 11_644_473_600L) * 10_000_000L;
    /** NTProofStr (16), RespType, HiRespType, Reserved1 (2), Reserved2 (4): where the blob's fields start. */
    private static final int TIMESTAMP_AT = 16 + 8;
    private static final int CLIENT_CHALLENGE_AT = TIMESTAMP_AT + 8;
    private static final int AV_PAIRS_AT = CLIENT_CHALLENGE_AT + 8 + 4;

    private static Impacket impacket;
    private final Random random = new Random(20261118);

    @BeforeAll
    static void startImpacket() throws Exception {
        impacket = Impacket.start();
    }

    @AfterAll
    static void stopImpacket() {
        if (impacket != null) {
            impacket.close();
        }
    }

    /** One request, named for the table. */
    private record Case(String name, NtlmRequest request) {}

    private record Outcome(boolean accepted, String reason, Optional<byte[]> userKey, Optional<byte[]> lanmanKey) {
        String describe() {
            return accepted ? "accepted" + userKey.map(k -> " usk=" + HEX.formatHex(k, 0, 4) + "..").orElse(" (no key)")
                    : "refused " + reason;
        }
    }

    /** A private Samba and an in-process OpenLSA with the same accounts and the same NTLM policy. */
    private static final class Oracle implements AutoCloseable {
        final SambaNtlmServer samba;
        final NtlmAuthHelper helper;
        final RealmEngine realm;
        final LsaConnection connection;
        final int msv;

        Oracle(Path stateDir, NtlmAuthPolicy sambaPolicy, NtlmPolicy.Level openLsaLevel) throws Exception {
            samba = SambaNtlmServer.start(DOMAIN, sambaPolicy);
            try {
                samba.addUser(ALICE, ALICE_PASSWORD);
                samba.addUser(BOB, BOB_PASSWORD);
                samba.addUser(CAROL, CAROL_PASSWORD);
                samba.disableUser(CAROL);
                samba.addUser(DORA, DORA_PASSWORD);
                helper = samba.openHelper();
                Instant now = TestRealm.START;
                realm = RealmEngine.open(stateDir, InstantSource.fixed(now), SuiteLimits.DEFAULT);
                var store = realm.store();
                // tdbsam has no lockout by default; neither may OpenLSA here, or the refusals would lock alice out.
                store.setPolicy(store.domain().policy().withLockout(0, Optional.empty(), Duration.ofMinutes(30))
                        .withNtlm(NtlmPolicy.DEFAULT.withLevel(openLsaLevel)));
                TestRealm.addUser(store, ALICE, ALICE_PASSWORD, now);
                TestRealm.addUser(store, BOB, BOB_PASSWORD, now);
                TestRealm.addUser(store, CAROL, CAROL_PASSWORD, now, b -> b.flag(AccountFlag.DISABLED, true));
                TestRealm.addUser(store, DORA, DORA_PASSWORD, now);
                connection = realm.engine().registerLogonProcess(realm.engine().systemToken(), "samba-oracle");
                msv = connection.lookupAuthenticationPackage("MSV1_0");
            } catch (Exception | Error e) {
                close();
                throw e;
            }
        }

        Outcome samba(NtlmRequest r) throws Exception {
            SambaVerdict v = helper.verify(r);
            String reason = v.authenticated() ? "" : v.logonError().map(Enum::name).orElse(v.error());
            return new Outcome(v.authenticated(), reason, v.userSessionKey(), v.lanmanSessionKey());
        }

        Outcome openLsa(NtlmRequest r) throws Exception {
            byte[] buffer = Msv1_0Lm20LogonCodec.encode(Msv1_0Lm20Logon.network(r.domain(), r.user(), WORKSTATION,
                    r.serverChallenge(), r.ntResponse(), r.lmResponse(), 0));
            LogonResult result;
            try {
                result = connection.logonUser(new LogonRequest("samba-oracle", SecurityLogonType.NETWORK, msv,
                        buffer, Optional.empty(), new TokenSource("NtLmSsp", Luid.ZERO)));
            } catch (LsaException e) {
                return new Outcome(false, sambaName(e), Optional.empty(), Optional.empty());
            }
            try {
                Msv1_0Lm20LogonProfile profile = Msv1_0Lm20LogonProfileCodec.decode(result.profileBuffer().bytes());
                return new Outcome(true, "", Optional.of(profile.userSessionKey()),
                        Optional.of(profile.lanmanSessionKey()));
            } finally {
                connection.freeReturnBuffer(result.profileBuffer());
                connection.closeHandle(result.token());
            }
        }

        /** OpenLSA's (status, substatus) in the words of {@link SambaLogonError}, so the reasons compare. */
        private static String sambaName(LsaException e) {
            NtStatus detail = e.subStatus().equals(NtStatus.SUCCESS) ? e.status() : e.subStatus();
            if (detail.equals(NtStatus.NO_SUCH_DOMAIN)) {
                // Samba looks for a DC of a foreign domain; OpenLSA knows it has none.
                return SambaLogonError.NO_LOGON_SERVERS.name();
            }
            for (SambaLogonError s : SambaLogonError.values()) {
                if (s.ntStatusCode() == detail.code()) {
                    return s.name();
                }
            }
            return detail.toString();
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
            if (realm != null) {
                realm.close();
            }
            if (samba != null) {
                samba.close();
            }
        }
    }

    @Test
    void ntlmv2OnlyOpenLsaAgreesWithSamba(@TempDir Path stateDir) throws Exception {
        try (Oracle oracle = new Oracle(stateDir, NtlmAuthPolicy.NTLMV2_ONLY, NtlmPolicy.Level.NTLMV2_ONLY)) {
            compare(oracle, "ntlm auth = ntlmv2-only", ntlmv2Cases());
        }
    }

    @Test
    void ntlmv1PermittedOpenLsaAgreesWithSamba(@TempDir Path stateDir) throws Exception {
        try (Oracle oracle = new Oracle(stateDir, NtlmAuthPolicy.NTLMV1_PERMITTED,
                NtlmPolicy.Level.NTLMV1_PERMITTED)) {
            compare(oracle, "ntlm auth = ntlmv1-permitted", ntlmv1Cases());
        }
    }

    private List<Case> ntlmv2Cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        byte[] c = challenge();
        Ntlmv2Response alice = v2(ALICE, ALICE_PASSWORD, DOMAIN, c);
        cases.add(new Case("v2 correct (NT only)", NtlmRequest.of(ALICE, DOMAIN, c, alice.ntResponse())));
        cases.add(new Case("v2 correct, NT + LMv2", alice.toRequest(ALICE, DOMAIN, c)));
        cases.add(new Case("v2 wrong password", ntOnly(ALICE, DOMAIN, v2(ALICE, "not-her-password", DOMAIN, c), c)));
        byte[] other = c.clone();
        other[0] ^= 1;
        cases.add(new Case("v2 for another challenge", NtlmRequest.of(ALICE, DOMAIN, other, alice.ntResponse())));
        cases.add(new Case("bob non-ASCII password", ntOnly(BOB, DOMAIN, v2(BOB, BOB_PASSWORD, DOMAIN, c), c)));
        cases.add(new Case("bob ASCII-folded password", ntOnly(BOB, DOMAIN,
                v2(BOB, "Bob-Passwoerd-EUR-", DOMAIN, c), c)));

        // The domain the client computed NTOWFv2 with, against the one the request names.
        String lower = DOMAIN.toLowerCase(Locale.ROOT);
        cases.add(new Case("resp dom upper, req dom lower", ntOnly(ALICE, lower, v2(ALICE, ALICE_PASSWORD, DOMAIN, c),
                c)));
        cases.add(new Case("resp dom lower, req dom lower", ntOnly(ALICE, lower, v2(ALICE, ALICE_PASSWORD, lower, c),
                c)));
        cases.add(new Case("resp dom lower, req dom upper", ntOnly(ALICE, DOMAIN, v2(ALICE, ALICE_PASSWORD, lower, c),
                c)));
        cases.add(new Case("resp dom mixed, req dom mixed", ntOnly(ALICE, "TestDom",
                v2(ALICE, ALICE_PASSWORD, "TestDom", c), c)));
        cases.add(new Case("resp dom empty, req dom upper", ntOnly(ALICE, DOMAIN, v2(ALICE, ALICE_PASSWORD, "", c), c)));
        cases.add(new Case("resp dom empty, req dom empty", ntOnly(ALICE, "", v2(ALICE, ALICE_PASSWORD, "", c), c)));
        cases.add(new Case("resp dom upper, req dom empty", ntOnly(ALICE, "", v2(ALICE, ALICE_PASSWORD, DOMAIN, c), c)));
        cases.add(new Case("resp dom OTHERDOM, req dom upper", ntOnly(ALICE, DOMAIN,
                v2(ALICE, ALICE_PASSWORD, "OTHERDOM", c), c)));
        cases.add(new Case("req dom OTHERDOM (foreign domain)", ntOnly(ALICE, "OTHERDOM",
                v2(ALICE, ALICE_PASSWORD, "OTHERDOM", c), c)));

        // User name case: NTOWFv2 upper-cases the user, and both sides look accounts up case-insensitively.
        String upperAlice = ALICE.toUpperCase(Locale.ROOT);
        cases.add(new Case("user upper in req and resp", ntOnly(upperAlice, DOMAIN,
                v2(upperAlice, ALICE_PASSWORD, DOMAIN, c), c)));
        cases.add(new Case("user upper in req, lower in resp", NtlmRequest.of(upperAlice, DOMAIN, c,
                alice.ntResponse())));
        cases.add(new Case("user mixed in resp, lower in req", ntOnly(ALICE, DOMAIN,
                v2("Oracle_Alice", ALICE_PASSWORD, DOMAIN, c), c)));

        // NTOWFv2 upper-cases the user one code unit at a time: only the identity Samba's table gives verifies.
        Ntlmv2Response dora = v2ForIdentity(DORA_UPCASED + DOMAIN, DORA_PASSWORD, c);
        cases.add(new Case("ß µ ſ user, code-unit upcase", dora.toRequest(DORA, DOMAIN, c)));
        cases.add(new Case("ß µ ſ user upper in req", ntOnly(DORA_UPCASED, DOMAIN, dora, c)));
        cases.add(new Case("ß µ ſ user, LMv2 only", lmOnly(DORA, DOMAIN, c, dora.lmResponse())));
        cases.add(new Case("ß µ ſ user, impacket full upcase", ntOnly(DORA, DOMAIN, v2(DORA, DORA_PASSWORD, DOMAIN, c),
                c)));
        cases.add(new Case("ß µ ſ user, simple upcase µ->Μ ſ->S", ntOnly(DORA, DOMAIN,
                v2ForIdentity("ORACLE_STRAßEΜS" + DOMAIN, DORA_PASSWORD, c), c)));
        cases.add(new Case("ß µ ſ user, upcase SS", ntOnly(DORA, DOMAIN,
                v2ForIdentity("ORACLE_STRASSEµſ" + DOMAIN, DORA_PASSWORD, c), c)));

        // Truncated NT responses (ntlm_auth parses only empty or >= 24 bytes).
        byte[] nt = alice.ntResponse();
        for (int length : new int[] {24, 30, 40, nt.length - 1}) {
            cases.add(new Case("NT cut to " + length + " bytes", NtlmRequest.of(ALICE, DOMAIN, c,
                    Arrays.copyOf(nt, length))));
        }
        cases.add(new Case("NT with a byte appended", NtlmRequest.of(ALICE, DOMAIN, c,
                Arrays.copyOf(nt, nt.length + 1))));

        // Altered responses, NT only.
        cases.add(new Case("blob timestamp altered", NtlmRequest.of(ALICE, DOMAIN, c, flip(nt, TIMESTAMP_AT + 3))));
        cases.add(new Case("blob client challenge altered", NtlmRequest.of(ALICE, DOMAIN, c,
                flip(nt, CLIENT_CHALLENGE_AT))));
        cases.add(new Case("blob AV pair altered", NtlmRequest.of(ALICE, DOMAIN, c, flip(nt, AV_PAIRS_AT + 5))));
        cases.add(new Case("blob last byte altered", NtlmRequest.of(ALICE, DOMAIN, c, flip(nt, nt.length - 1))));
        cases.add(new Case("NTProofStr altered", NtlmRequest.of(ALICE, DOMAIN, c, flip(nt, 3))));

        // The LM field: LMv2 alone, and LMv2 beside NT responses that fail.
        byte[] lm = alice.lmResponse();
        cases.add(new Case("LMv2 only", lmOnly(ALICE, DOMAIN, c, lm)));
        cases.add(new Case("LMv2 only, wrong password", lmOnly(ALICE, DOMAIN, c,
                v2(ALICE, "not-her-password", DOMAIN, c).lmResponse())));
        cases.add(new Case("LMv2 only, resp dom empty", lmOnly(ALICE, DOMAIN, c,
                v2(ALICE, ALICE_PASSWORD, "", c).lmResponse())));
        cases.add(new Case("LMv2 only, resp dom lower", lmOnly(ALICE, DOMAIN, c,
                v2(ALICE, ALICE_PASSWORD, lower, c).lmResponse())));
        cases.add(new Case("LMv2 + NT of random bytes", both(ALICE, DOMAIN, c, randomBytes(nt.length), lm)));
        cases.add(new Case("LMv2 + NT cut to 24", both(ALICE, DOMAIN, c, Arrays.copyOf(nt, 24), lm)));
        cases.add(new Case("LMv2 + NT cut to 30", both(ALICE, DOMAIN, c, Arrays.copyOf(nt, 30), lm)));
        cases.add(new Case("LMv2 + NTProofStr altered", both(ALICE, DOMAIN, c, flip(nt, 3), lm)));
        cases.add(new Case("LMv2 + blob altered", both(ALICE, DOMAIN, c, flip(nt, nt.length - 5), lm)));
        cases.add(new Case("LMv2 + NT of another password", both(ALICE, DOMAIN, c,
                v2(ALICE, "not-her-password", DOMAIN, c).ntResponse(), lm)));
        cases.add(new Case("LMv2 resp dom empty + NT altered", both(ALICE, DOMAIN, c, flip(nt, 3),
                v2(ALICE, ALICE_PASSWORD, "", c).lmResponse())));

        // NTLMv1 under ntlmv2-only.
        byte[] v1 = NtlmResponses.ntlmV1(ALICE_PASSWORD, c);
        cases.add(new Case("NTLMv1 in NT field", NtlmRequest.of(ALICE, DOMAIN, c, v1)));
        cases.add(new Case("NTLMv1 in NT + LMv2", both(ALICE, DOMAIN, c, v1, lm)));
        // Samba 4.17 refuses this under ntlmv2-only too (though ntlm_check.c's fallback reads "if (ntlm_auth)").
        cases.add(new Case("NTLMv1 in LM field only", lmOnly(ALICE, DOMAIN, c, v1)));

        // Accounts.
        cases.add(new Case("unknown user", ntOnly("oracle_nobody", DOMAIN,
                v2("oracle_nobody", ALICE_PASSWORD, DOMAIN, c), c)));
        Ntlmv2Response carol = v2(CAROL, CAROL_PASSWORD, DOMAIN, c);
        cases.add(new Case("disabled, right password", carol.toRequest(CAROL, DOMAIN, c)));
        cases.add(new Case("disabled, wrong password", ntOnly(CAROL, DOMAIN, v2(CAROL, "nope", DOMAIN, c), c)));
        cases.add(new Case("disabled, LMv2 only", lmOnly(CAROL, DOMAIN, c, carol.lmResponse())));
        return cases;
    }

    private List<Case> ntlmv1Cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        byte[] c = challenge();
        byte[] v1 = NtlmResponses.ntlmV1(ALICE_PASSWORD, c);
        byte[] wrong = NtlmResponses.ntlmV1("not-her-password", c);
        Ntlmv2Response alice = v2(ALICE, ALICE_PASSWORD, DOMAIN, c);
        cases.add(new Case("NTLMv1 correct", NtlmRequest.of(ALICE, DOMAIN, c, v1)));
        cases.add(new Case("NTLMv1 correct, req dom empty", NtlmRequest.of(ALICE, "", c, v1)));
        cases.add(new Case("NTLMv1 correct, user upper", NtlmRequest.of(ALICE.toUpperCase(Locale.ROOT), DOMAIN, c,
                v1)));
        cases.add(new Case("NTLMv1 wrong password", NtlmRequest.of(ALICE, DOMAIN, c, wrong)));
        cases.add(new Case("NTLMv1 for another challenge", NtlmRequest.of(ALICE, DOMAIN, c,
                NtlmResponses.ntlmV1(ALICE_PASSWORD, challenge()))));
        cases.add(new Case("NTLMv1 in both fields", both(ALICE, DOMAIN, c, v1, v1)));
        cases.add(new Case("NTLMv1 in LM field only", lmOnly(ALICE, DOMAIN, c, v1)));
        cases.add(new Case("NTLMv1 wrong in LM field only", lmOnly(ALICE, DOMAIN, c, wrong)));
        // A v1 failure is final: a valid LMv2 response beside it does not help.
        cases.add(new Case("NTLMv1 wrong + valid LMv2", both(ALICE, DOMAIN, c, wrong, alice.lmResponse())));
        cases.add(new Case("bob NTLMv1 non-ASCII", NtlmRequest.of(BOB, DOMAIN, c,
                NtlmResponses.ntlmV1(BOB_PASSWORD, c))));
        cases.add(new Case("v2 correct under v1-permitted", alice.toRequest(ALICE, DOMAIN, c)));
        cases.add(new Case("unknown user NTLMv1", NtlmRequest.of("oracle_nobody", DOMAIN, c, v1)));
        cases.add(new Case("disabled NTLMv1 right password", NtlmRequest.of(CAROL, DOMAIN, c,
                NtlmResponses.ntlmV1(CAROL_PASSWORD, c))));
        return cases;
    }

    private static void compare(Oracle oracle, String title, List<Case> cases) throws Exception {
        List<String> disagreements = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%nSamba oracle, %s (%d cases)%n"
                + "%-38s | %-26s | %-26s | %s%n", title, cases.size(), "case", "Samba", "OpenLSA", "agree"));
        int agreed = 0;
        for (Case k : cases) {
            Outcome samba = oracle.samba(k.request());
            Outcome openLsa = oracle.openLsa(k.request());
            String mismatch = mismatch(samba, openLsa);
            String verdict = mismatch == null ? "yes" : "NO: " + mismatch;
            if (mismatch == null) {
                agreed++;
            } else {
                disagreements.add(k.name() + " [" + k.request() + "]: Samba " + samba.describe() + ", OpenLSA "
                        + openLsa.describe() + " (" + mismatch + ")");
            }
            table.append(String.format(Locale.ROOT, "%-38s | %-26s | %-26s | %s%n", k.name(), samba.describe(),
                    openLsa.describe(), verdict));
        }
        table.append(String.format(Locale.ROOT, "%d of %d agree%n", agreed, cases.size()));
        System.out.print(table);
        assertTrue(disagreements.isEmpty(), () -> "OpenLSA and Samba disagree (" + title + "):\n  "
                + String.join("\n  ", disagreements));
    }

    /** Why the two outcomes differ, or null when they agree. */
    private static String mismatch(Outcome samba, Outcome openLsa) {
        if (samba.accepted() != openLsa.accepted()) {
            return "verdict";
        }
        if (!samba.accepted()) {
            return samba.reason().equals(openLsa.reason()) ? null : "reason";
        }
        // ntlm_auth prints a key only when it is not all zero; the profile always carries both (zero: no key).
        if (!Arrays.equals(samba.userKey().orElse(new byte[16]), openLsa.userKey().orElseThrow())) {
            return "UserSessionKey";
        }
        if (!Arrays.equals(samba.lanmanKey().orElse(new byte[8]), openLsa.lanmanKey().orElseThrow())) {
            return "LanmanSessionKey";
        }
        return null;
    }

    private Ntlmv2Response v2(String user, String password, String domain, byte[] challenge) throws Exception {
        return impacket.ntlmv2Response(user, password, domain, challenge, randomBytes(8), FILETIME, TARGET_INFO);
    }

    /** impacket's response keyed over {@code identity} (upper-cased user + domain) as given. */
    private Ntlmv2Response v2ForIdentity(String identity, String password, byte[] challenge) throws Exception {
        return impacket.ntlmv2ResponseForIdentity(identity, password, challenge, randomBytes(8), FILETIME,
                TARGET_INFO);
    }

    private static NtlmRequest ntOnly(String user, String domain, Ntlmv2Response r, byte[] challenge) {
        return NtlmRequest.of(user, domain, challenge, r.ntResponse());
    }

    private static NtlmRequest lmOnly(String user, String domain, byte[] challenge, byte[] lm) {
        return new NtlmRequest(user, domain, challenge, new byte[0], lm);
    }

    private static NtlmRequest both(String user, String domain, byte[] challenge, byte[] nt, byte[] lm) {
        return new NtlmRequest(user, domain, challenge, nt, lm);
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private byte[] challenge() {
        return randomBytes(8);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] targetInfo(String nbDomain, String nbComputer) {
        byte[] d = nbDomain.getBytes(StandardCharsets.UTF_16LE);
        byte[] m = nbComputer.getBytes(StandardCharsets.UTF_16LE);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + d.length + 4 + m.length + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 2).putShort((short) d.length).put(d); // MsvAvNbDomainName
        b.putShort((short) 1).putShort((short) m.length).put(m); // MsvAvNbComputerName
        b.putShort((short) 0).putShort((short) 0); // MsvAvEOL
        return b.array();
    }
}
