package org.openlsa.krb5.files;

/**
 * Header field 1 of a version 4 ccache: the KDC's clock minus the client's, learned at the initial
 * authentication (add it to the local time to get the KDC's time). Signed 32-bit seconds and microseconds.
 */
public record KdcTimeOffset(int seconds, int microseconds) {}
