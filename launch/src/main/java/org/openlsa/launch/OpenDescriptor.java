package org.openlsa.launch;

/**
 * A file descriptor this process owns, by number: one received from a caller over the daemon's socket
 * (SCM_RIGHTS), to be given to a launched program as a standard stream ({@link Stdio.Descriptor}). Closing it
 * closes the descriptor, once; a closed one has no number any more, so a number that the kernel has since reused for
 * something else is never touched through it.
 */
public final class OpenDescriptor implements AutoCloseable {
    private int fd; // guarded by this; -1 once closed

    private OpenDescriptor(int fd) {
        this.fd = fd;
    }

    /** Takes ownership of {@code fd}. */
    public static OpenDescriptor adopt(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a descriptor: " + fd);
        }
        return new OpenDescriptor(fd);
    }

    /**
     * A close-on-exec duplicate of {@code fd} (fcntl F_DUPFD_CLOEXEC, numbered 3 or above), owned by the result: for
     * a client that gives its own 0, 1 or 2 away, and for tests.
     *
     * @throws java.io.IOException naming the errno when {@code fd} is not open (EBADF) or none is free (EMFILE)
     */
    public static OpenDescriptor dup(int fd) throws java.io.IOException {
        if (fd < 0) {
            throw new IllegalArgumentException("not a descriptor: " + fd);
        }
        try {
            return new OpenDescriptor(Posix.dupAbove2(fd));
        } catch (Posix.Errno e) {
            throw new java.io.IOException("cannot duplicate descriptor " + fd + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException once closed */
    public synchronized int fd() {
        if (fd < 0) {
            throw new IllegalStateException("the descriptor is closed");
        }
        return fd;
    }

    public synchronized boolean isOpen() {
        return fd >= 0;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            int n = fd;
            fd = -1; // first: even a failed close(2) has released the number on Linux, so it is never closed twice
            Posix.closeQuietly(n);
        }
    }
}
