package org.openlsa.idmap;

/**
 * MurmurHash3's x86 32-bit variant (Austin Appleby, public domain), which SSSD's sss_idmap applies to a domain SID's
 * string with seed 0xdeadbeef to choose the domain's slice. Written here from the algorithm's description.
 */
final class MurmurHash3 {
    private MurmurHash3() {}

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    /** The 32-bit hash of {@code data}, as an unsigned value. */
    static long x86_32(byte[] data, int seed) {
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
                    | (data[4 * i + 3] & 0xff) << 24; // little-endian blocks, as on x86
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[tail] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Integer.toUnsignedLong(h);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }
}
