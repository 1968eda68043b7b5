# Sourced by bin/lsa, bin/test, bin/fuzz and testing/bench/run: finds a JDK 25 (or newer) without help.
# Order: $JAVA_HOME, `java` on PATH, /usr/lib/jvm/*, /opt/*, ~/.sdkman, ~/.jdks; the first that qualifies wins.
# A candidate's version comes from its `release` file (JAVA_VERSION="25.0.3"), read by the shell: no JVM starts, so
# this costs about a millisecond and needs no cache (a changed JAVA_HOME or a removed JDK is seen on the next call).
# Only a JDK without a `release` file is asked by running its java.

_openlsa_java_feature() { # prints the feature version (25) of the java binary $1
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_openlsa_release_feature() { # sets _openlsa_v to the feature version in release file $1 (1 for 1.8 and older)
    local line
    _openlsa_v=""
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            JAVA_VERSION=*)
                line=${line#JAVA_VERSION=}
                line=${line//\"/}
                line=${line%%[.+-]*}
                case "$line" in
                    '' | *[!0-9]*) ;;
                    *) _openlsa_v=$line ;;
                esac
                return 0
                ;;
        esac
    done <"$1"
}

_openlsa_is_jdk25() { # true if directory $1 is a JDK (java and javac) of feature version 25 or newer
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    if [ -f "$1/release" ]; then
        _openlsa_release_feature "$1/release"
    else
        _openlsa_v=$(_openlsa_java_feature "$1/bin/java")
    fi
    [ -n "$_openlsa_v" ] && [ "$_openlsa_v" -ge 25 ]
}

openlsa_find_jdk() {
    local c
    if [ -n "${JAVA_HOME:-}" ] && _openlsa_is_jdk25 "$JAVA_HOME"; then
        printf '%s\n' "$JAVA_HOME"
        return 0
    fi
    if command -v java >/dev/null 2>&1; then
        c=$(readlink -f "$(command -v java)") && c=${c%/bin/java}
        if [ -n "$c" ] && _openlsa_is_jdk25 "$c"; then
            printf '%s\n' "$c"
            return 0
        fi
    fi
    for c in /usr/lib/jvm/* /opt/*jdk* /opt/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
        if [ -d "$c" ] && _openlsa_is_jdk25 "$c"; then
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
