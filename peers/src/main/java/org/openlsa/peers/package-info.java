/**
 * Harnesses for the independent NTLM peers OpenLSA is compared with: a private Samba whose winbindd verifies
 * responses ({@link org.openlsa.peers.SambaNtlmServer}, {@link org.openlsa.peers.NtlmAuthHelper},
 * {@link org.openlsa.peers.SambaNtlmsspAcceptor}, {@link org.openlsa.peers.SambaLoad}) and impacket as a client
 * ({@link org.openlsa.peers.Impacket}, {@link org.openlsa.peers.ImpacketNtlmClient}). Every peer is an external
 * process from Debian's packages; a missing one is a {@link org.openlsa.peers.PeerException}, so tests fail rather
 * than skip. This module depends on no OpenLSA module.
 */
package org.openlsa.peers;
