package org.openlsa.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.host.AccountStores;
import org.openlsa.host.StateException;
import org.openlsa.host.StateLayout;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.msv1_0.Msv1_0InteractiveLogonCodec;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;

/** A provisioned test domain and the helpers that set its accounts up and build logon buffers. */
public final class TestRealm {
    private TestRealm() {}

    public static final String DOMAIN = "TESTDOM";
    public static final String MACHINE = "TESTHOST";
    public static final String ADMIN_PASSWORD = "Adm1n-Passw0rd!";
    /** A Wednesday, 10:00 UTC: inside working hours, so hour restrictions are testable both ways. */
    public static final Instant START = Instant.parse("2026-11-18T10:00:00Z");

    /** Provisions an empty store as a fresh domain, with a deterministic domain SID. */
    public static void provision(AccountStore store, Instant now) throws LsaException {
        Sid domainSid = DomainProvisioning.randomDomainSid(new Random(42));
        try (SecretBytes hash = NtOwf.ntOwfV1(ADMIN_PASSWORD.toCharArray())) {
            DomainProvisioning.provision(store, DOMAIN, MACHINE, domainSid, hash, now);
        }
    }

    /**
     * Provisions the test domain in a new store of the state directory {@code layout} (which must exist), created
     * through the store SPI as {@code lsa init} creates one; returns {@code layout}, ready for
     * {@link org.openlsa.host.LsaHost#open}.
     */
    public static StateLayout provision(StateLayout layout, Instant now) throws LsaException {
        try (AccountStore store = AccountStores.installed().create(layout)) {
            provision(store, now);
        } catch (StateException e) {
            throw new IllegalStateException(e.getMessage(), e); // no store provider: the kit is broken, not the test
        }
        return layout;
    }

    /** Creates an enabled user with a password set at {@code now}, customized by {@code change}. */
    public static UserAccount addUser(AccountStore store, String name, String password, Instant now,
                                      UnaryOperator<UserAccount.Builder> change) throws LsaException {
        return store.transact(s -> {
            long rid = s.allocateRid();
            UserAccount u = change.apply(UserAccount.newAccount(s.domain().sid(), rid, name).fullName(name + " Test"))
                    .build();
            s.createUser(u, Optional.empty());
            try (SecretBytes pw = utf16(password)) {
                Passwords.set(s, rid, pw, now, false);
            }
            // Re-apply flags the password set may have changed (must-change).
            return s.updateUser(rid, x -> change.apply(x.toBuilder()).passwordLastSet(Optional.of(now)).build());
        });
    }

    public static UserAccount addUser(AccountStore store, String name, String password, Instant now) throws LsaException {
        return addUser(store, name, password, now, b -> b);
    }

    public static SecretBytes utf16(String password) {
        return SecretBytes.adopt(password.getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * An MSV1_0_INTERACTIVE_LOGON buffer as a plain array, for tests that cut and corrupt it (a test password, not a
     * secret of anyone's).
     */
    public static byte[] interactiveLogon(String domain, String user, String password) {
        try (SecretBytes pw = utf16(password);
             SecretBytes logon = Msv1_0InteractiveLogonCodec.encode(new InteractiveLogon(domain, user, pw,
                     Optional.empty()))) {
            return logon.copyBytes();
        }
    }

    /** An MSV1_0_WORKSTATION_UNLOCK_LOGON buffer as a plain array (a test password). */
    public static byte[] unlockLogon(String domain, String user, String password, Luid logonId) {
        try (SecretBytes pw = utf16(password);
             SecretBytes logon = Msv1_0InteractiveLogonCodec.encode(new InteractiveLogon(domain, user, pw,
                     Optional.of(logonId)))) {
            return logon.copyBytes();
        }
    }
}
