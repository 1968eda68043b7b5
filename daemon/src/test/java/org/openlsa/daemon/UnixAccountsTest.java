package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.openlsa.idmap.UnixAccounts;

class UnixAccountsTest {

    /** Far above any uid useradd hands out, below (uid_t) -1: nobody has it. */
    private static final long UNUSED_ID = 4_000_000_123L;

    @Test
    void rootIsZeroBothWays() {
        assertEquals(OptionalLong.of(0), UnixAccounts.uidOf("root"));
        assertEquals(Optional.of("root"), UnixAccounts.nameOfUid(0));
        assertEquals(OptionalLong.of(0), UnixAccounts.primaryGidOf(0));
        assertEquals(OptionalLong.of(0), UnixAccounts.gidOf("root"));
        assertEquals(Optional.of("root"), UnixAccounts.nameOfGid(0));
    }

    @Test
    void currentUserMatchesTheKernelAndId() throws Exception {
        long uid = ThisProcess.uid();
        String name = ThisProcess.run("id", "-un");
        assertEquals(OptionalLong.of(uid), UnixAccounts.uidOf(name));
        assertEquals(Optional.of(name), UnixAccounts.nameOfUid(uid));
        assertEquals(OptionalLong.of(Long.parseLong(ThisProcess.run("id", "-g", name))), UnixAccounts.primaryGidOf(uid));
        String group = ThisProcess.run("id", "-gn");
        assertEquals(OptionalLong.of(ThisProcess.gid()), UnixAccounts.gidOf(group));
        assertEquals(Optional.of(group), UnixAccounts.nameOfGid(ThisProcess.gid()));
    }

    @Test
    void unknownNamesAndIdsAreEmpty() {
        assertEquals(OptionalLong.empty(), UnixAccounts.uidOf("openlsa-no-such-user-7f3a"));
        assertEquals(OptionalLong.empty(), UnixAccounts.gidOf("openlsa-no-such-group-7f3a"));
        assertEquals(Optional.empty(), UnixAccounts.nameOfUid(UNUSED_ID));
        assertEquals(Optional.empty(), UnixAccounts.nameOfGid(UNUSED_ID));
        assertEquals(OptionalLong.empty(), UnixAccounts.primaryGidOf(UNUSED_ID));
        assertEquals(OptionalLong.empty(), UnixAccounts.uidOf(""));
        assertEquals(OptionalLong.empty(), UnixAccounts.uidOf("ro\0ot"));
    }

    @Test
    void aNumericNameWithoutAnEntryIsThatNumber() {
        assertEquals(OptionalLong.of(UNUSED_ID), UnixAccounts.uidOf(Long.toString(UNUSED_ID)));
        assertEquals(OptionalLong.of(UNUSED_ID), UnixAccounts.gidOf(Long.toString(UNUSED_ID)));
        assertEquals(OptionalLong.of(0), UnixAccounts.uidOf("0"));
        // (uid_t) -1 is "no id", and 11 digits cannot be a 32-bit id
        assertEquals(OptionalLong.empty(), UnixAccounts.uidOf("4294967295"));
        assertEquals(OptionalLong.empty(), UnixAccounts.uidOf("99999999999"));
        assertEquals(OptionalLong.empty(), UnixAccounts.uidOf("-1"));
        assertTrue(UnixAccounts.isNumeric("0123"));
        assertFalse(UnixAccounts.isNumeric("12a"));
    }

    @Test
    void outOfRangeIdsAreEmpty() {
        assertEquals(Optional.empty(), UnixAccounts.nameOfUid(-1));
        assertEquals(Optional.empty(), UnixAccounts.nameOfUid(UnixAccounts.NO_ID));
        assertEquals(Optional.empty(), UnixAccounts.nameOfGid(1L << 32));
    }
}
