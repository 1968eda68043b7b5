package org.openlsa.pac;

/**
 * GROUP_MEMBERSHIP ([MS-PAC] 2.2.2): the RID of a group in a domain named elsewhere (LogonDomainId or
 * ResourceGroupDomainSid) and its SE_GROUP_* attributes ({@link org.openlsa.core.GroupAttributes}). Both are
 * unsigned 32-bit values held in ints.
 */
public record GroupMembership(int relativeId, int attributes) {
    /** The RID as an unsigned value, ready for {@link org.openlsa.core.Sid#append(long)}. */
    public long rid() {
        return Integer.toUnsignedLong(relativeId);
    }
}
