package org.openlsa.impersonation;

/**
 * Work run inside an impersonation scope (or outside one, by {@link Impersonation#asSelf}) that returns a value and
 * may throw one checked exception type, which reaches the caller unchanged.
 *
 * @param <T> the result
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface ScopedCall<T, X extends Exception> {
    T call() throws X;
}
