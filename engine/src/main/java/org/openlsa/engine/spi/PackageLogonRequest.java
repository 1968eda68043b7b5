package org.openlsa.engine.spi;

import org.openlsa.core.Luid;
import org.openlsa.core.SecurityLogonType;

/**
 * LsaApLogonUserEx2's inputs as a package sees them. The engine has already allocated the logon session's LUID.
 *
 * @param authenticationInformation the engine's private copy; the engine zeroes it after the call returns
 * @param callerTrusted whether the caller's connection holds SeTcbPrivilege (registered logon process)
 */
public record PackageLogonRequest(SecurityLogonType logonType, byte[] authenticationInformation, Luid logonId,
                                  boolean callerTrusted, String originName) {}
