package org.openlsa.impersonation;

/**
 * Work run inside an impersonation scope that returns nothing and may throw one checked exception type, which reaches
 * the caller unchanged.
 *
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface ScopedRun<X extends Exception> {
    void run() throws X;
}
