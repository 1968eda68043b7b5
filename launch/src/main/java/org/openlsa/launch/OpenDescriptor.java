package org.openlsa.launch;

/**
 * A file descriptor this process owns, by number: one received from a caller over the daemon's socket
 * (SCM_RIGHTS), to be given to a launched program as a standard stream ({@link Stdio.Descriptor}). Closing it
 * closes the descriptor, once; a closed one has no number any more, so a number that the kernel has since reused for
 * something else is never touched through it.
 */
public final class OpenDescriptor implements AutoCloseable {
    // TODO(launch helper): implement with FFM close(2); adopt() validates fd >= 0.
    private int fd;

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
        fd = -1;
    }
}
