package org.openlsa.krb5.der;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The MIT krb5 1.20.1 messages under src/test/resources/org/openlsa/krb5/der/mit (see the README there). */
final class MitCaptures {
    private MitCaptures() {}

    static final String[] ALL = {
        "as-req-no-preauth.der", "krb-error-preauth-required.der", "as-req-enc-timestamp.der", "as-rep.der",
        "tgs-req.der", "tgs-rep.der", "as-req-unknown-client.der", "krb-error-client-unknown.der",
        "as-req-keytab.der", "as-rep-keytab.der", "as-req-enterprise.der", "krb-error-enterprise.der",
        "tgs-req-s4u2self.der", "tgs-rep-s4u2self.der",
    };

    static byte[] read(String name) {
        try (InputStream in = MitCaptures.class.getResourceAsStream("mit/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource mit/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
