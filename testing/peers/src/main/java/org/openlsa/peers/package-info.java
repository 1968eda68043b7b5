/**
 * Harnesses for the independent peers OpenLSA is compared with. NTLM: a private Samba whose winbindd verifies
 * responses ({@link org.openlsa.peers.SambaNtlmServer}, {@link org.openlsa.peers.NtlmAuthHelper},
 * {@link org.openlsa.peers.SambaNtlmsspAcceptor}, {@link org.openlsa.peers.SambaLoad}) and impacket as a client
 * ({@link org.openlsa.peers.Impacket}, {@link org.openlsa.peers.ImpacketNtlmClient}). Kerberos: a private MIT realm
 * ({@link org.openlsa.peers.MitKdc}), MIT's client tools against any KDC ({@link org.openlsa.peers.MitKrb5Client}),
 * python3-gssapi ({@link org.openlsa.peers.GssapiPeer}) and the JDK's own JGSS in a child JVM
 * ({@link org.openlsa.peers.JdkKerberosPeer}). Every peer is an external process from Debian's packages or the JDK;
 * a missing one is a {@link org.openlsa.peers.PeerException}, so tests fail rather than skip. A peer's own verdict
 * (a refused password, a rejected token) is a result, not an exception. This module depends on no OpenLSA module.
 */
package org.openlsa.peers;
