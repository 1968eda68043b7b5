# Sourced by bin/lsa and bin/test: finds a JDK 25 (or newer) without help.
# Order: $JAVA_HOME, `java` on PATH, /usr/lib/jvm/*, /opt/*, ~/.sdkman, ~/.jdks. Prints its home, or fails.

_openlsa_java_feature() { # prints the feature version (25) of the java binary $1
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

openlsa_find_jdk() {
    local candidates=() c v
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        c=$(readlink -f "$(command -v java)") && candidates+=("$(dirname "$(dirname "$c")")")
    fi
    for c in /usr/lib/jvm/* /opt/*jdk* /opt/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
        [ -d "$c" ] && candidates+=("$c")
    done
    for c in "${candidates[@]}"; do
        [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
        v=$(_openlsa_java_feature "$c/bin/java")
        if [ -n "$v" ] && [ "$v" -ge 25 ]; then
            printf '%s\n' "$c"
            return 0
        fi
    done
    return 1
}

openlsa_require_jdk() {
    if ! OPENLSA_JAVA_HOME=$(openlsa_find_jdk); then
        cat >&2 <<'MSG'
OpenLSA needs a JDK 25 (or newer) and found none.
Looked at $JAVA_HOME, the java on PATH, /usr/lib/jvm/*, /opt/*, ~/.sdkman and ~/.jdks.
Install one (for example Eclipse Temurin 25) and set JAVA_HOME to it, then try again.
MSG
        exit 1
    fi
    export JAVA_HOME="$OPENLSA_JAVA_HOME"
}
