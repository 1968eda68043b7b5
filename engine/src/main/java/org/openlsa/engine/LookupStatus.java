package org.openlsa.engine;

import org.openlsa.core.NtStatus;

/** The overall status of a lookup from how many of its entries were translated (MS-LSAT 3.1.4.8, 3.1.4.11). */
final class LookupStatus {
    private LookupStatus() {}

    static NtStatus of(long mapped, int total) {
        if (mapped == total) {
            return NtStatus.SUCCESS;
        }
        return mapped == 0 ? NtStatus.NONE_MAPPED : NtStatus.SOME_NOT_MAPPED;
    }
}
