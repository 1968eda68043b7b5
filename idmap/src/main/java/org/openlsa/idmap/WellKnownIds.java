package org.openlsa.idmap;

import java.util.OptionalLong;

import org.openlsa.core.Sid;
import org.openlsa.core.WellKnownSids;

/**
 * The fixed table of docs/idmap.md: each well-known or builtin SID's offset in slice 0 of the range, and back. The
 * offsets are chosen per SID family so that every SID of the family has one, today's and future ones alike, and no
 * two families overlap:
 *
 * <pre>
 * S-1-1-0 Everyone              1
 * S-1-2-0 LOCAL, S-1-2-1        2, 3
 * S-1-5-N  NT AUTHORITY\*        100 + N   (1 <= N <= 99; not 5 logon SIDs, 10 SELF, 18 SYSTEM, 21, 32)
 * S-1-5-113, S-1-5-114          213, 214  (local account, local account and administrator)
 * S-1-5-1000 Other Organization 300
 * S-1-5-64-R authentication     400 + R   (R <= 99: NTLM 10, SChannel 14, Digest 21)
 * S-1-5-32-R BUILTIN\*           R         (544 <= R <= 999: Administrators 544, Users 545, ...)
 * S-1-18-1, S-1-18-2 asserted   1001, 1002
 * S-1-5-80-0 ALL SERVICES       1080
 * </pre>
 */
final class WellKnownIds {
    private WellKnownIds() {}

    private static final long NT = 5;

    /** The offset of {@code sid} in the well-known slice; empty when the table has no row for it. */
    static OptionalLong offsetOf(Sid sid) {
        long auth = sid.identifierAuthority();
        int n = sid.subAuthorityCount();
        if (n == 0) { // S-1-5 and the like name an authority, not a principal
            return OptionalLong.empty();
        }
        if (auth == 1 && n == 1 && sid.subAuthority(0) == 0) {
            return OptionalLong.of(1);
        }
        if (auth == 2 && n == 1 && sid.subAuthority(0) <= 1) {
            return OptionalLong.of(2 + sid.subAuthority(0));
        }
        if (auth == 18 && n == 1 && (sid.subAuthority(0) == 1 || sid.subAuthority(0) == 2)) {
            return OptionalLong.of(1000 + sid.subAuthority(0));
        }
        if (auth != NT) {
            return OptionalLong.empty();
        }
        long first = sid.subAuthority(0);
        if (n == 1) {
            if (first >= 1 && first <= 99 && first != 5 && first != 10 && first != 18 && first != 21 && first != 32) {
                return OptionalLong.of(100 + first);
            }
            if (first == 113 || first == 114) {
                return OptionalLong.of(100 + first);
            }
            if (first == 1000) {
                return OptionalLong.of(300);
            }
            return OptionalLong.empty();
        }
        if (n == 2) {
            long r = sid.subAuthority(1);
            if (first == 64 && r <= 99) {
                return OptionalLong.of(400 + r);
            }
            if (first == 32 && r >= 544 && r <= 999) {
                return OptionalLong.of(r);
            }
            if (first == 80 && r == 0) {
                return OptionalLong.of(1080);
            }
        }
        return OptionalLong.empty();
    }

    /** The SID at {@code offset} of the well-known slice, if the table has one. */
    static java.util.Optional<Sid> sidAt(long offset) {
        Sid sid;
        if (offset == 1) {
            sid = WellKnownSids.WORLD;
        } else if (offset == 2 || offset == 3) {
            sid = Sid.of(2, (int) (offset - 2));
        } else if (offset == 1001 || offset == 1002) {
            sid = Sid.of(18, (int) (offset - 1000));
        } else if (offset == 1080) {
            sid = WellKnownSids.ALL_SERVICES;
        } else if (offset == 300) {
            sid = Sid.of(NT, 1000);
        } else if (offset > 100 && offset < 200 || offset == 213 || offset == 214) {
            sid = Sid.of(NT, (int) (offset - 100));
        } else if (offset >= 400 && offset <= 499) {
            sid = Sid.of(NT, 64, (int) (offset - 400));
        } else if (offset >= 544 && offset <= 999) {
            sid = Sid.of(NT, 32, (int) offset);
        } else {
            return java.util.Optional.empty();
        }
        // Only offsets the forward rule produces: this keeps the two directions inverse (5, 10, 18, 21, 32 have none).
        return offsetOf(sid).equals(OptionalLong.of(offset)) ? java.util.Optional.of(sid) : java.util.Optional.empty();
    }

    /** Logon SIDs, integrity labels and the creator placeholders: SIDs that are never a process's user or group. */
    static boolean isNotAPrincipal(Sid sid) {
        long auth = sid.identifierAuthority();
        return WellKnownSids.isLogonSid(sid) || auth == 16 || auth == 3 || auth == 0
                || auth == NT && sid.subAuthorityCount() == 1 && (sid.subAuthority(0) == 5 || sid.subAuthority(0) == 10);
    }
}
