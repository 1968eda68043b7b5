package org.openlsa.engine.internal;

import org.openlsa.core.AccessToken;

/** A token the LSA issued, with the access its handle grants. One handle per token object, as the API hands them out. */
record TokenObject(AccessToken token, int grantedAccess) {}
