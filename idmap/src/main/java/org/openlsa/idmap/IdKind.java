package org.openlsa.idmap;

/** Which Unix id space a SID is mapped into: uids (a token's user) or gids (its primary group and groups). */
public enum IdKind {
    USER("uid"),
    GROUP("gid");

    private final String label;

    IdKind(String label) {
        this.label = label;
    }

    /** "uid" or "gid", as the CLI and the docs print it. */
    public String label() {
        return label;
    }
}
