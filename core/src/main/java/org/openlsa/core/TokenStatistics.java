package org.openlsa.core;

/**
 * TOKEN_STATISTICS (winnt.h). {@code impersonationLevel} is null for a primary token, whose structure field
 * Windows leaves meaningless.
 */
public record TokenStatistics(Luid tokenId, Luid authenticationId, long expirationTime, TokenType tokenType,
                              ImpersonationLevel impersonationLevel, int dynamicChargedBytes, int dynamicAvailableBytes,
                              int groupCount, int privilegeCount, Luid modifiedId) {}
