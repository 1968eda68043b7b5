package org.openlsa.crypto.kerberos;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The n-fold to one AES block of each RFC 3961 derivation constant (usage || 0x99/0xAA/0x55), computed once: the
 * constants are public and the same for every key, and n-folding them was a sixth of the work of a KDC request.
 * Only the usages a process actually uses are kept (a few dozen); past {@link #LIMIT} entries an unusual usage is
 * folded afresh rather than remembered, so no caller can grow the map without bound.
 */
final class FoldedUsageConstants {
    private FoldedUsageConstants() {}

    static final int LIMIT = 1024;
    private static final ConcurrentHashMap<Long, byte[]> FOLDED = new ConcurrentHashMap<>();

    /** nfold(usage || kind, 16 bytes), as a fresh array the caller may overwrite. */
    static byte[] folded(int usage, int kind) {
        Long key = ((long) usage << 8) | (kind & 0xFF);
        byte[] f = FOLDED.get(key);
        if (f == null) {
            f = NFold.nfold(EncryptionProfile.usageConstant(usage, kind), Jce.AES_BLOCK);
            if (FOLDED.size() < LIMIT) {
                FOLDED.putIfAbsent(key, f.clone());
            }
        }
        return f.clone();
    }
}
