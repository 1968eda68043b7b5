package org.openlsa.sam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Destroyable;

/**
 * An account's long-term Kerberos keys of one key version (the kvno a ticket's EncryptedData names), at most one per
 * enctype, in the order given (the store keeps it).
 *
 * <p>The set owns its entries and their keys: {@link #destroy()} (or closing it) zeroes every key. The store's
 * reads hand out a fresh set each time, which the caller destroys; {@link #copy()} makes an independent one.
 *
 * @param kvno the key version number, 0..2147483647
 * @param keys the keys, each of a different enctype; empty means "no keys"
 */
public record KerberosKeySet(int kvno, List<KerberosKeyEntry> keys) implements Destroyable, AutoCloseable {
    public KerberosKeySet {
        if (kvno < 0) {
            throw new IllegalArgumentException("a key version number must be 0..2147483647, not " + kvno);
        }
        keys = List.copyOf(keys);
        Set<Integer> seen = new HashSet<>();
        for (KerberosKeyEntry k : keys) {
            if (!seen.add(k.enctype())) {
                throw new IllegalArgumentException("the key set holds two keys of enctype " + k.enctype());
            }
        }
    }

    /** The key of {@code enctype}, if the set has one; it stays owned by the set. */
    public Optional<KerberosKeyEntry> key(int enctype) {
        for (KerberosKeyEntry k : keys) {
            if (k.enctype() == enctype) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The enctypes of the keys, in the set's order. */
    public List<Integer> enctypes() {
        return keys.stream().map(KerberosKeyEntry::enctype).toList();
    }

    /** An independent set with fresh copies of every key. */
    public KerberosKeySet copy() {
        List<KerberosKeyEntry> copies = new ArrayList<>(keys.size());
        try {
            for (KerberosKeyEntry k : keys) {
                copies.add(k.copy());
            }
        } catch (RuntimeException e) {
            copies.forEach(c -> c.key().destroy());
            throw e;
        }
        return new KerberosKeySet(kvno, copies);
    }

    /** Zeroes every key of the set. Idempotent. */
    @Override
    public void destroy() {
        keys.forEach(k -> k.key().destroy());
    }

    /** True when no key material is left (vacuously for an empty set). */
    @Override
    public boolean isDestroyed() {
        return keys.stream().allMatch(k -> k.key().isDestroyed());
    }

    /** Same as {@link #destroy()}, for try-with-resources. */
    @Override
    public void close() {
        destroy();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "KerberosKeySet[kvno=" + kvno + ", enctypes=" + enctypes() + "]";
    }
}
