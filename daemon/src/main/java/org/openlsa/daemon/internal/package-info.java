/**
 * Not exported: the daemon's connection handling (sessions, dispatch, limits, log throttling).
 */
package org.openlsa.daemon.internal;
