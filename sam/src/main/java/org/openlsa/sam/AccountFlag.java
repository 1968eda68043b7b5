package org.openlsa.sam;

import java.util.EnumSet;
import java.util.Set;

/**
 * User account control flags the SAM keeps (MS-SAMR 2.2.1.12 USER_ACCOUNT_* / userAccountControl UF_* bits; the
 * bit values are those of the UF_ form, which is what the store persists: MS-ADTS 2.2.16 and ADS_USER_FLAG_ENUM).
 */
public enum AccountFlag {
    /** UF_ACCOUNTDISABLE. */
    DISABLED(0x00000002),
    /** UF_PASSWD_NOTREQD: an empty password is accepted when none is set. */
    PASSWORD_NOT_REQUIRED(0x00000020),
    /**
     * UF_INTERDOMAIN_TRUST_ACCOUNT: a trusting domain's account here; network logons only with
     * MSV1_0_ALLOW_SERVER_TRUST_ACCOUNT, other logons never (NOLOGON_INTERDOMAIN_TRUST_ACCOUNT).
     */
    INTERDOMAIN_TRUST_ACCOUNT(0x00000800),
    /**
     * UF_WORKSTATION_TRUST_ACCOUNT: a member computer's account; network logons only with
     * MSV1_0_ALLOW_WORKSTATION_TRUST_ACCOUNT (NOLOGON_WORKSTATION_TRUST_ACCOUNT).
     */
    WORKSTATION_TRUST_ACCOUNT(0x00001000),
    /** UF_SERVER_TRUST_ACCOUNT: a domain controller's account; network logons only with MSV1_0_ALLOW_SERVER_TRUST_ACCOUNT. */
    SERVER_TRUST_ACCOUNT(0x00002000),
    /** UF_DONT_EXPIRE_PASSWD. */
    PASSWORD_NEVER_EXPIRES(0x00010000),
    /** UF_SMARTCARD_REQUIRED: password logons are refused with SMARTCARD_LOGON_REQUIRED. */
    SMARTCARD_REQUIRED(0x00040000),
    /** UF_TRUSTED_FOR_DELEGATION: unconstrained delegation; the KDC sets OK-AS-DELEGATE on tickets to this service. */
    TRUSTED_FOR_DELEGATION(0x00080000),
    /** UF_NOT_DELEGATED: this account's tickets are never forwardable, so no service can delegate it. */
    NOT_DELEGATED(0x00100000),
    /** UF_USE_DES_KEY_ONLY: kept for fidelity with imported accounts; OpenLSA has no DES and ignores it. */
    USE_DES_KEY_ONLY(0x00200000),
    /** UF_DONT_REQUIRE_PREAUTH: an AS request for this account needs no pre-authentication, whatever the policy. */
    DONT_REQUIRE_PREAUTH(0x00400000),
    /** UF_PASSWORD_EXPIRED: the user must change the password at next logon. */
    MUST_CHANGE_PASSWORD(0x00800000),
    /** UF_TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION: protocol transition; S4U2Self tickets are forwardable. */
    TRUSTED_TO_AUTH_FOR_DELEGATION(0x01000000);

    private final int bit;

    AccountFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int toBits(Set<AccountFlag> flags) {
        int v = 0;
        for (AccountFlag f : flags) {
            v |= f.bit;
        }
        return v;
    }

    /** Flags from stored bits; unknown bits are ignored (a newer writer's flag never breaks an older reader). */
    public static Set<AccountFlag> fromBits(int bits) {
        EnumSet<AccountFlag> s = EnumSet.noneOf(AccountFlag.class);
        for (AccountFlag f : values()) {
            if ((bits & f.bit) != 0) {
                s.add(f);
            }
        }
        return s;
    }
}
