package org.openlsa.krb5.der;

/**
 * Where a decoder is inside a message ("AS-REP enc-part cipher", "KDC-REQ-BODY etype[2]"), for its error messages.
 * A path of small nodes that becomes a string only when a message is built: the decoders name every field they
 * read, and concatenating those names eagerly was the largest cost of decoding a message that has no error
 * (docs/performance.md, Kerberos package logons).
 */
final class What {
    private final What parent;
    private final String name; // null for an index step
    private final int index;

    private What(What parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    static What of(String name) {
        return new What(null, name, -1);
    }

    /** This path followed by the field {@code field}: "parent field". */
    What then(String field) {
        return new What(this, field, -1);
    }

    /** This path's element {@code i} of a SEQUENCE OF: "parent[i]". */
    What at(int i) {
        return new What(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent != null) {
            parent.append(out);
            if (name != null) {
                out.append(' ');
            }
        }
        if (name != null) {
            out.append(name);
        } else {
            out.append('[').append(index).append(']');
        }
    }
}
