package org.openlsa.sam;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.openlsa.core.LogonRight;
import org.openlsa.core.LsaException;
import org.openlsa.core.Privilege;
import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;
import org.openlsa.crypto.SecretBytes;

/**
 * What a new account domain holds, as a fresh Windows machine has it: the domain with a random SID
 * S-1-5-21-a-b-c, Administrator (500) with the given password, Guest (501) disabled, krbtgt (502) disabled with
 * random Kerberos keys (as a domain controller has it, for the embedded KDC), the global groups Domain
 * Admins/Users/Guests (512-514), the BUILTIN aliases with their usual members, and the default account rights of
 * the LSA policy. Everything is created in one store transaction.
 */
public final class DomainProvisioning {
    private DomainProvisioning() {}

    private record BuiltinAlias(Sid sid, String description) {}

    private static final List<BuiltinAlias> BUILTIN_ALIASES = List.of(
            new BuiltinAlias(WellKnownSids.BUILTIN_ADMINISTRATORS, "Administrators have complete and unrestricted access to the computer"),
            new BuiltinAlias(WellKnownSids.BUILTIN_USERS, "Users are prevented from making accidental or intentional system-wide changes"),
            new BuiltinAlias(WellKnownSids.BUILTIN_GUESTS, "Guests have the same access as members of the Users group by default"),
            new BuiltinAlias(WellKnownSids.BUILTIN_POWER_USERS, "Power Users are included for backwards compatibility"),
            new BuiltinAlias(WellKnownSids.BUILTIN_BACKUP_OPERATORS, "Backup Operators can override security restrictions to back up or restore files"),
            new BuiltinAlias(WellKnownSids.BUILTIN_REMOTE_DESKTOP_USERS, "Members of this group are granted the right to logon remotely"),
            new BuiltinAlias(WellKnownSids.BUILTIN_NETWORK_CONFIGURATION_OPERATORS, "Members of this group can manage network configuration"),
            new BuiltinAlias(WellKnownSids.BUILTIN_PERFORMANCE_MONITOR_USERS, "Members of this group can access performance counter data"),
            new BuiltinAlias(WellKnownSids.BUILTIN_EVENT_LOG_READERS, "Members of this group can read event logs from the local machine"));

    /** A random account-domain SID S-1-5-21-a-b-c with three 32-bit sub-authorities, as Windows setup makes one. */
    public static Sid randomDomainSid(RandomGenerator random) {
        return Sid.of(5, 21, random.nextInt(), random.nextInt(), random.nextInt());
    }

    /** The name of the KDC's account; its principal is krbtgt/REALM@REALM. */
    public static final String KRBTGT_NAME = "krbtgt";

    /** The key version of krbtgt's first keys. */
    public static final int KRBTGT_FIRST_KVNO = 1;

    /**
     * Provisions an empty store, with the {@link DomainInfo#defaultRealm default realm} and krbtgt keys from a new
     * {@link SecureRandom}.
     *
     * @param administratorNtHash NT hash of the Administrator password
     */
    public static DomainInfo provision(AccountStore store, String domainName, String machineName, Sid domainSid,
                                       SecretBytes administratorNtHash, Instant now) throws LsaException {
        return provision(store, domainName, DomainInfo.defaultRealm(domainName), machineName, domainSid,
                administratorNtHash, now, new SecureRandom());
    }

    /**
     * Provisions an empty store.
     *
     * @param realm the Kerberos realm of the domain's KDC
     * @param administratorNtHash NT hash of the Administrator password
     * @param random the source of krbtgt's keys
     */
    public static DomainInfo provision(AccountStore store, String domainName, String realm, String machineName,
                                       Sid domainSid, SecretBytes administratorNtHash, Instant now,
                                       SecureRandom random) throws LsaException {
        AccountNames.requireValid(domainName, 15, "domain");
        AccountNames.requireValid(machineName, 15, "machine");
        DomainInfo domain = new DomainInfo(domainName, domainSid, machineName, realm, DomainPolicy.DEFAULT);
        store.transact(s -> {
            s.createDomain(domain);
            GroupAccount admins = group(domainSid, UserAccount.RID_DOMAIN_ADMINS, "Domain Admins", "Designated administrators of the domain");
            GroupAccount users = group(domainSid, UserAccount.RID_DOMAIN_USERS, "Domain Users", "All domain users");
            GroupAccount guests = group(domainSid, UserAccount.RID_DOMAIN_GUESTS, "Domain Guests", "All domain guests");
            for (GroupAccount g : List.of(admins, users, guests)) {
                s.createGroup(g);
            }
            UserAccount administrator = UserAccount.newAccount(domainSid, UserAccount.RID_ADMINISTRATOR, "Administrator")
                    .description("Built-in account for administering the computer/domain")
                    .passwordLastSet(Optional.of(now))
                    .build();
            UserAccount guest = UserAccount.newAccount(domainSid, UserAccount.RID_GUEST, "Guest")
                    .description("Built-in account for guest access to the computer/domain")
                    .flag(AccountFlag.DISABLED, true)
                    .flag(AccountFlag.PASSWORD_NOT_REQUIRED, true)
                    .flag(AccountFlag.PASSWORD_NEVER_EXPIRES, true)
                    .passwordLastSet(Optional.of(now))
                    .primaryGroupRid(UserAccount.RID_DOMAIN_GUESTS)
                    .build();
            s.createUser(administrator, Optional.of(administratorNtHash));
            s.createUser(guest, Optional.empty());
            s.createUser(krbtgtAccount(domainSid, now), Optional.empty());
            try (KerberosKeySet keys = krbtgtKeys(domain.realm(), domain.policy().kerberos().enctypes(), random)) {
                s.setKerberosKeys(UserAccount.RID_KRBTGT, keys);
            }
            s.addGroupMember(admins.rid(), administrator.rid());
            s.addGroupMember(users.rid(), administrator.rid());
            s.addGroupMember(guests.rid(), guest.rid());

            for (BuiltinAlias a : BUILTIN_ALIASES) {
                s.createAlias(new AliasAccount(a.sid(), WellKnownSids.lookup(a.sid()).orElseThrow().name(), a.description()));
            }
            s.addAliasMember(WellKnownSids.BUILTIN_ADMINISTRATORS, administrator.sid());
            s.addAliasMember(WellKnownSids.BUILTIN_ADMINISTRATORS, admins.sid());
            s.addAliasMember(WellKnownSids.BUILTIN_USERS, users.sid());
            s.addAliasMember(WellKnownSids.BUILTIN_USERS, WellKnownSids.INTERACTIVE);
            s.addAliasMember(WellKnownSids.BUILTIN_USERS, WellKnownSids.AUTHENTICATED_USERS);
            s.addAliasMember(WellKnownSids.BUILTIN_GUESTS, guest.sid());
            s.addAliasMember(WellKnownSids.BUILTIN_GUESTS, guests.sid());
            grantDefaultRights(s);
            return null;
        });
        return domain;
    }

    /**
     * The krbtgt account as Windows creates it: RID 502, disabled (nobody logs on as the KDC), no password; its
     * secrets are Kerberos keys only.
     */
    public static UserAccount krbtgtAccount(Sid domainSid, Instant now) {
        return UserAccount.newAccount(domainSid, UserAccount.RID_KRBTGT, KRBTGT_NAME)
                .description("Key Distribution Center Service Account")
                .flag(AccountFlag.DISABLED, true)
                .passwordLastSet(Optional.of(now))
                .build();
    }

    /**
     * Random keys for krbtgt at kvno {@value #KRBTGT_FIRST_KVNO}, one per enctype, salted as RFC 4120's default salt
     * of krbtgt/REALM@REALM (only announced: a random key has no password to salt). The caller destroys the set.
     */
    public static KerberosKeySet krbtgtKeys(String realm, List<Integer> enctypes, SecureRandom random) {
        return KerberosKeys.randomKeySet(enctypes, KRBTGT_FIRST_KVNO,
                KerberosKeys.defaultSalt(realm, List.of(KRBTGT_NAME, realm)), random);
    }

    private static GroupAccount group(Sid domainSid, long rid, String name, String description) {
        return new GroupAccount(rid, domainSid.append(rid), name, description);
    }

    /** The default User Rights Assignment of a Windows workstation, reduced to what OpenLSA enforces or reports. */
    private static void grantDefaultRights(AccountStore s) throws LsaException {
        Sid admins = WellKnownSids.BUILTIN_ADMINISTRATORS;
        Sid users = WellKnownSids.BUILTIN_USERS;
        Sid backup = WellKnownSids.BUILTIN_BACKUP_OPERATORS;
        for (Sid sid : List.of(admins, users, backup, WellKnownSids.BUILTIN_GUESTS)) {
            s.grantRight(sid, AccountRight.of(LogonRight.SE_INTERACTIVE_LOGON));
        }
        for (Sid sid : List.of(WellKnownSids.WORLD, admins, users, backup)) {
            s.grantRight(sid, AccountRight.of(LogonRight.SE_NETWORK_LOGON));
        }
        for (Sid sid : List.of(admins, backup)) {
            s.grantRight(sid, AccountRight.of(LogonRight.SE_BATCH_LOGON));
        }
        for (Sid sid : List.of(WellKnownSids.LOCAL_SERVICE, WellKnownSids.NETWORK_SERVICE, WellKnownSids.ALL_SERVICES)) {
            s.grantRight(sid, AccountRight.of(LogonRight.SE_SERVICE_LOGON));
        }
        s.grantRight(admins, AccountRight.of(LogonRight.SE_REMOTE_INTERACTIVE_LOGON));
        s.grantRight(WellKnownSids.BUILTIN_REMOTE_DESKTOP_USERS, AccountRight.of(LogonRight.SE_REMOTE_INTERACTIVE_LOGON));
        s.grantRight(WellKnownSids.BUILTIN_GUESTS, AccountRight.of(LogonRight.SE_DENY_NETWORK_LOGON));

        for (Privilege p : List.of(Privilege.SE_INCREASE_QUOTA, Privilege.SE_SECURITY, Privilege.SE_TAKE_OWNERSHIP,
                Privilege.SE_LOAD_DRIVER, Privilege.SE_SYSTEM_PROFILE, Privilege.SE_SYSTEMTIME,
                Privilege.SE_PROFILE_SINGLE_PROCESS, Privilege.SE_INCREASE_BASE_PRIORITY, Privilege.SE_CREATE_PAGEFILE,
                Privilege.SE_BACKUP, Privilege.SE_RESTORE, Privilege.SE_SHUTDOWN, Privilege.SE_DEBUG,
                Privilege.SE_SYSTEM_ENVIRONMENT, Privilege.SE_CHANGE_NOTIFY, Privilege.SE_REMOTE_SHUTDOWN,
                Privilege.SE_UNDOCK, Privilege.SE_MANAGE_VOLUME, Privilege.SE_IMPERSONATE, Privilege.SE_CREATE_GLOBAL,
                Privilege.SE_INCREASE_WORKING_SET, Privilege.SE_TIME_ZONE, Privilege.SE_CREATE_SYMBOLIC_LINK,
                Privilege.SE_DELEGATE_SESSION_USER_IMPERSONATE)) {
            s.grantRight(admins, AccountRight.of(p));
        }
        for (Privilege p : List.of(Privilege.SE_SHUTDOWN, Privilege.SE_UNDOCK, Privilege.SE_INCREASE_WORKING_SET,
                Privilege.SE_TIME_ZONE)) {
            s.grantRight(users, AccountRight.of(p));
        }
        s.grantRight(WellKnownSids.WORLD, AccountRight.of(Privilege.SE_CHANGE_NOTIFY));
        for (Privilege p : List.of(Privilege.SE_BACKUP, Privilege.SE_RESTORE, Privilege.SE_SHUTDOWN)) {
            s.grantRight(backup, AccountRight.of(p));
        }
        for (Privilege p : List.of(Privilege.SE_IMPERSONATE, Privilege.SE_CREATE_GLOBAL)) {
            s.grantRight(WellKnownSids.SERVICE, AccountRight.of(p));
        }
        for (Sid svc : List.of(WellKnownSids.LOCAL_SERVICE, WellKnownSids.NETWORK_SERVICE)) {
            for (Privilege p : List.of(Privilege.SE_ASSIGN_PRIMARY_TOKEN, Privilege.SE_INCREASE_QUOTA,
                    Privilege.SE_AUDIT, Privilege.SE_CHANGE_NOTIFY, Privilege.SE_IMPERSONATE, Privilege.SE_CREATE_GLOBAL)) {
                s.grantRight(svc, AccountRight.of(p));
            }
        }
    }
}
