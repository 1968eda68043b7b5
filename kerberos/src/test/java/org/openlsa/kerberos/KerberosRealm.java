package org.openlsa.kerberos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.Sid;
import org.openlsa.core.TokenSource;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.engine.spi.logon.InteractiveLogon;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.kdc.protocol.EmbeddedKdc;
import org.openlsa.kdc.Kdc;
import java.util.function.UnaryOperator;
import java.time.ZoneOffset;
import java.time.Clock;

/** A provisioned realm CONTOSO.TEST in a temp directory with an engine running the Kerberos package over it. */
final class KerberosRealm implements AutoCloseable {
    static final String REALM = "CONTOSO.TEST";
    static final Sid DOMAIN_SID = Sid.of(5, 21, 111, 222, 333);
    static final String MACHINE = "HOST1";

    final SqliteAccountStore store;
    final LsaEngine engine;
    final LsaConnection trusted;
    final KerberosPackage pkg;
    /** The realm's one KDC, which the package calls in process. */
    final Kdc kdc;

    KerberosRealm(Path dir) throws LsaException {
        this(dir, KerberosConfig.embedded());
    }

    KerberosRealm(Path dir, KerberosConfig config) throws LsaException {
        this(dir, config, java.time.InstantSource.system());
    }

    KerberosRealm(Path dir, KerberosConfig config, java.time.InstantSource clock) throws LsaException {
        this(dir, config, clock, UnaryOperator.identity());
    }

    /**
     * The realm with one KDC on the engine's clock, as the daemon has; the package reaches it through
     * {@code packageView} (a test may count or alter what the package sends).
     */
    KerberosRealm(Path dir, KerberosConfig config, java.time.InstantSource clock,
                  UnaryOperator<EmbeddedKdc> packageView) throws LsaException {
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        try (SecretBytes admin = NtOwf.ntOwfV1(utf16("Admin-Passw0rd"))) {
            DomainProvisioning.provision(store, "CONTOSO", REALM, MACHINE, DOMAIN_SID, admin, Instant.now(),
                    new SecureRandom());
        }
        kdc = Kdc.create(store, clock instanceof Clock c ? c : clock.withZone(ZoneOffset.UTC), new SecureRandom());
        pkg = new KerberosPackage(config, packageView.apply(kdc));
        engine = LsaEngine.builder(store).addPackage(pkg).clock(clock).build();
        trusted = engine.registerLogonProcess(engine.systemToken(), "kerberos test");
    }

    static SecretBytes utf16(String s) {
        return SecretBytes.adopt(s.getBytes(StandardCharsets.UTF_16LE));
    }

    UserAccount addUser(String name, String password) throws LsaException {
        long rid = store.allocateRid();
        store.createUser(UserAccount.newAccount(DOMAIN_SID, rid, name).fullName(name + " Example")
                .primaryGroupRid(UserAccount.RID_DOMAIN_USERS).build(), Optional.empty());
        store.addGroupMember(UserAccount.RID_DOMAIN_USERS, rid);
        try (SecretBytes pw = utf16(password)) {
            Passwords.set(store, rid, pw, Instant.now(), false);
        }
        return store.findUser(rid).orElseThrow();
    }

    GroupAccount addGroup(String name, UserAccount... members) throws LsaException {
        long rid = store.allocateRid();
        GroupAccount g = new GroupAccount(rid, DOMAIN_SID.append(rid), name, "");
        store.createGroup(g);
        for (UserAccount m : members) {
            store.addGroupMember(rid, m.rid());
        }
        return g;
    }

    /** A KERB_INTERACTIVE_LOGON request as LogonUser would submit it. */
    static LogonRequest passwordLogon(LsaConnection c, SecurityLogonType type, String domain, String user,
                                      String password) throws LsaException {
        try (SecretBytes pw = utf16(password)) {
            // The request adopts the encoded structure: the caller closes the request.
            SecretBytes buffer = KerbInteractiveLogonCodec.encode(new InteractiveLogon(domain, user, pw,
                    type == SecurityLogonType.UNLOCK ? Optional.of(Luid.ZERO) : Optional.empty()));
            return new LogonRequest("kerberos test", type, c.lookupAuthenticationPackage(KerberosPackage.NAME), buffer,
                    Optional.empty(), new TokenSource("KrbTest", Luid.ZERO));
        }
    }

    @Override
    public void close() {
        trusted.close();
        engine.close();
        store.close();
    }

    static List<String> names(List<KerbTicketCacheInfo> tickets) {
        return tickets.stream().map(t -> t.serverName() + "@" + t.serverRealm()).toList();
    }
}
