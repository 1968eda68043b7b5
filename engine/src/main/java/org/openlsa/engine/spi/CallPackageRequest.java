package org.openlsa.engine.spi;

import org.openlsa.core.Luid;

/**
 * LsaApCallPackage(Untrusted)'s inputs.
 *
 * @param callerLogonId the logon session of the caller's token (what "LogonId 0" means in requests that take one)
 */
public record CallPackageRequest(byte[] submitBuffer, Luid callerLogonId) {}
