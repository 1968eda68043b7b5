package org.openlsa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.HexFormat;
import java.util.Optional;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.NtTime;
import org.openlsa.core.PrivilegeAndAttributes;
import org.openlsa.core.PrivilegeAttributes;
import org.openlsa.core.QuotaLimits;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenType;
import org.openlsa.engine.SidNameUse;
import org.openlsa.engine.spi.logon.InteractiveProfile;
import org.openlsa.msv1_0.Msv1_0Lm20LogonProfile;

/**
 * Renders a logon's outcome two ways: text in the manner of {@code whoami /all}, and the stable JSON shape of
 * docs/cli.md ({@code token {user, groups [{sid, name, attributes}], privileges [{name, attributes}], owner,
 * primaryGroup, type, impersonationLevel, source}}).
 */
final class TokenReport {
    private final SidNames names;

    TokenReport(SidNames names) {
        this.names = names;
    }

    // ------------------------------------------------------------------ text

    void printText(PrintWriter out, AccessToken t, Optional<QuotaLimits> quotas, Optional<InteractiveProfile> profile) {
        out.printf("Logon ID: %s%n%n", t.authenticationId());
        out.println("USER INFORMATION");
        out.println("----------------");
        table(out, new String[] {"User Name", "SID"}, new String[][] {{names.lookup(t.user().sid()).name(),
            t.user().sid().toString()}});
        out.println();
        out.println("GROUP INFORMATION");
        out.println("-----------------");
        String[][] rows = t.groups().stream().map(g -> {
            SidNames.Named n = names.lookup(g.sid());
            return new String[] {n.name(), kindName(n.kind()), g.sid().toString(), groupState(g)};
        }).toArray(String[][]::new);
        table(out, new String[] {"Group Name", "Type", "SID", "Attributes"}, rows);
        out.println();
        out.println("PRIVILEGES INFORMATION");
        out.println("----------------------");
        String[][] privs = t.privileges().stream().map(p -> new String[] {p.privilege().privilegeName(),
            p.privilege().displayName(), p.isEnabled() ? "Enabled" : "Disabled"}).toArray(String[][]::new);
        table(out, new String[] {"Privilege Name", "Description", "State"}, privs);
        out.println();
        out.println("TOKEN INFORMATION");
        out.println("-----------------");
        out.printf("Owner:               %s (%s)%n", Printable.of(names.lookup(t.owner()).name()), t.owner());
        out.printf("Primary group:       %s (%s)%n", Printable.of(names.lookup(t.primaryGroup()).name()), t.primaryGroup());
        out.printf("Token type:          %s%n", typeName(t.type()));
        out.printf("Impersonation level: %s%n", t.impersonationLevel().map(l -> title(l.name())).orElse("N/A (primary token)"));
        out.printf("Token source:        %s (%s)%n", t.source().trimmedName(), t.source().sourceIdentifier());
        out.printf("Token ID:            %s%n", t.tokenId());
        out.printf("Default DACL:        %s%n", t.defaultDacl().map(a -> a.toSddl()).orElse("(none)"));
        out.printf("Expiration:          %s%n", time(t.expirationTime()));
        quotas.ifPresent(q -> out.printf("Quota limits:        paged %d, non-paged %d, working set %d..%d, pagefile %d, time %s%n",
                q.pagedPoolLimitBytes(), q.nonPagedPoolLimitBytes(), q.minimumWorkingSetSizeBytes(),
                q.maximumWorkingSetSizeBytes(), q.pagefileLimitBytes(), q.timeLimit() == 0 ? "unlimited" : q.timeLimit()));
        profile.ifPresent(p -> {
            out.println();
            out.println("PROFILE (MSV1_0_INTERACTIVE_PROFILE)");
            out.println("------------------------------------");
            out.printf("Logon count:         %d%n", p.logonCount());
            out.printf("Bad password count:  %d%n", p.badPasswordCount());
            out.printf("Logon time:          %s%n", time(p.logonTime()));
            out.printf("Logoff time:         %s%n", time(p.logoffTime()));
            out.printf("Kick-off time:       %s%n", time(p.kickOffTime()));
            out.printf("Password last set    %s%n", time(p.passwordLastSet()));
            out.printf("Password can change  %s%n", time(p.passwordCanChange()));
            out.printf("Password must change %s%n", time(p.passwordMustChange()));
            out.printf("Full name:           %s%n", Printable.of(p.fullName()));
            out.printf("Logon script:        %s%n", Printable.of(p.logonScript()));
            out.printf("Home directory:      %s%n", Printable.of(p.homeDirectory()));
            out.printf("Home drive:          %s%n", Printable.of(p.homeDirectoryDrive()));
            out.printf("Profile path:        %s%n", Printable.of(p.profilePath()));
            out.printf("Logon server:        %s%n", Printable.of(p.logonServer()));
            out.printf("User flags:          0x%x%n", p.userFlags());
        });
    }

    /** The network logon's profile; the session keys only when asked for explicitly (they are secrets). */
    static void printLm20Profile(PrintWriter out, Msv1_0Lm20LogonProfile p, boolean showSessionKeys) {
        out.println();
        out.println("PROFILE (MSV1_0_LM20_LOGON_PROFILE)");
        out.println("-----------------------------------");
        out.printf("Kick-off time:       %s%n", time(p.kickOffTime()));
        out.printf("Logoff time:         %s%n", time(p.logoffTime()));
        out.printf("User flags:          0x%x%n", p.userFlags());
        out.printf("Logon domain:        %s%n", Printable.of(p.logonDomainName()));
        out.printf("Logon server:        %s%n", Printable.of(p.logonServer()));
        out.printf("User parameters:     %s%n", Printable.of(p.userParameters()));
        if (showSessionKeys) {
            out.printf("User session key:    %s%n", HexFormat.of().formatHex(p.userSessionKey()));
            out.printf("LanMan session key:  %s%n", HexFormat.of().formatHex(p.lanmanSessionKey()));
        } else {
            out.println("Session keys:        (hidden; --show-session-key prints them)");
        }
    }

    static void writeLm20Profile(JsonGenerator g, Msv1_0Lm20LogonProfile p, boolean showSessionKeys) throws IOException {
        g.writeObjectFieldStart("profile");
        g.writeStringField("messageType", "MsV1_0Lm20LogonProfile");
        g.writeStringField("kickOffTime", time(p.kickOffTime()));
        g.writeStringField("logoffTime", time(p.logoffTime()));
        g.writeNumberField("userFlags", p.userFlags());
        g.writeStringField("logonDomainName", p.logonDomainName());
        g.writeStringField("logonServer", p.logonServer());
        g.writeStringField("userParameters", p.userParameters());
        if (showSessionKeys) {
            g.writeStringField("userSessionKey", HexFormat.of().formatHex(p.userSessionKey()));
            g.writeStringField("lanmanSessionKey", HexFormat.of().formatHex(p.lanmanSessionKey()));
        }
        g.writeEndObject();
    }

    private static String groupState(SidAndAttributes g) {
        return String.join(", ", GroupAttributes.names(g.attributes()));
    }

    /** How whoami /groups words a SID_NAME_USE. */
    private static String kindName(SidNameUse k) {
        return switch (k) {
            case USER -> "User";
            case GROUP -> "Group";
            case DOMAIN -> "Domain";
            case ALIAS -> "Alias";
            case WELL_KNOWN_GROUP -> "Well-known group";
            case DELETED_ACCOUNT -> "Deleted account";
            case INVALID -> "Invalid";
            case UNKNOWN -> "Unknown";
            case COMPUTER -> "Computer";
            case LABEL -> "Label";
            case LOGON_SESSION -> "Logon SID";
        };
    }

    static String typeName(TokenType t) {
        return t == TokenType.PRIMARY ? "Primary" : "Impersonation";
    }

    static String title(String enumName) {
        String s = enumName.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String time(long ntTime) {
        if (ntTime == NtTime.NEVER) {
            return "never";
        }
        if (ntTime == 0) {
            return "-";
        }
        Instant i = NtTime.toInstantOrNull(ntTime);
        return i == null ? Long.toString(ntTime) : i.toString();
    }

    /** A whoami-style table; every cell escaped (a name can hold anything its creator typed). */
    private static void table(PrintWriter out, String[] header, String[][] cells) {
        String[][] rows = java.util.Arrays.stream(cells)
                .map(r -> java.util.Arrays.stream(r).map(Printable::of).toArray(String[]::new)).toArray(String[][]::new);
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < header.length; i++) {
            line.append(pad(header[i], w[i], i == header.length - 1));
            rule.append("=".repeat(w[i])).append(i == header.length - 1 ? "" : " ");
        }
        out.println(line.toString().stripTrailing());
        out.println(rule);
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(pad(r[i], w[i], i == r.length - 1));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width, boolean last) {
        return last ? s : s + " ".repeat(width - s.length() + 1);
    }

    // ------------------------------------------------------------------ JSON

    void writeToken(JsonGenerator g, AccessToken t) throws IOException {
        g.writeObjectFieldStart("token");
        writeSid(g, "user", t.user().sid());
        g.writeArrayFieldStart("groups");
        for (SidAndAttributes s : t.groups()) {
            g.writeStartObject();
            g.writeStringField("sid", s.sid().toString());
            g.writeStringField("name", names.lookup(s.sid()).name());
            g.writeStringField("type", kindName(names.lookup(s.sid()).kind()));
            writeNames(g, "attributes", GroupAttributes.names(s.attributes()));
            g.writeStringField("attributesValue", String.format("0x%08X", s.attributes()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("privileges");
        for (PrivilegeAndAttributes p : t.privileges()) {
            g.writeStartObject();
            g.writeStringField("name", p.privilege().privilegeName());
            g.writeStringField("description", p.privilege().displayName());
            writeNames(g, "attributes", PrivilegeAttributes.names(p.attributes()));
            g.writeBooleanField("enabled", p.isEnabled());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeSid(g, "owner", t.owner());
        writeSid(g, "primaryGroup", t.primaryGroup());
        g.writeStringField("type", typeName(t.type()));
        if (t.impersonationLevel().isPresent()) {
            g.writeStringField("impersonationLevel", title(t.impersonationLevel().get().name()));
        } else {
            g.writeNullField("impersonationLevel");
        }
        g.writeObjectFieldStart("source");
        g.writeStringField("name", t.source().trimmedName());
        g.writeStringField("identifier", t.source().sourceIdentifier().toString());
        g.writeEndObject();
        g.writeStringField("tokenId", t.tokenId().toString());
        g.writeStringField("authenticationId", t.authenticationId().toString());
        if (t.defaultDacl().isPresent()) {
            g.writeStringField("defaultDacl", t.defaultDacl().get().toSddl());
        } else {
            g.writeNullField("defaultDacl");
        }
        g.writeStringField("expiration", time(t.expirationTime()));
        g.writeEndObject();
    }

    private void writeSid(JsonGenerator g, String field, Sid sid) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("sid", sid.toString());
        g.writeStringField("name", names.lookup(sid).name());
        g.writeEndObject();
    }

    private static void writeNames(JsonGenerator g, String field, java.util.List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void writeQuotas(JsonGenerator g, Optional<QuotaLimits> quotas) throws IOException {
        if (quotas.isEmpty()) {
            g.writeNullField("quotaLimits");
            return;
        }
        QuotaLimits q = quotas.get();
        g.writeObjectFieldStart("quotaLimits");
        g.writeNumberField("pagedPoolLimit", q.pagedPoolLimitBytes());
        g.writeNumberField("nonPagedPoolLimit", q.nonPagedPoolLimitBytes());
        g.writeNumberField("minimumWorkingSetSize", q.minimumWorkingSetSizeBytes());
        g.writeNumberField("maximumWorkingSetSize", q.maximumWorkingSetSizeBytes());
        g.writeNumberField("pagefileLimit", q.pagefileLimitBytes());
        g.writeNumberField("timeLimit", q.timeLimit());
        g.writeEndObject();
    }

    static void writeProfile(JsonGenerator g, Optional<InteractiveProfile> profile) throws IOException {
        if (profile.isEmpty()) {
            g.writeNullField("profile");
            return;
        }
        InteractiveProfile p = profile.get();
        g.writeObjectFieldStart("profile");
        g.writeStringField("messageType", "MsV1_0InteractiveProfile");
        g.writeNumberField("logonCount", p.logonCount());
        g.writeNumberField("badPasswordCount", p.badPasswordCount());
        g.writeStringField("logonTime", time(p.logonTime()));
        g.writeStringField("logoffTime", time(p.logoffTime()));
        g.writeStringField("kickOffTime", time(p.kickOffTime()));
        g.writeStringField("passwordLastSet", time(p.passwordLastSet()));
        g.writeStringField("passwordCanChange", time(p.passwordCanChange()));
        g.writeStringField("passwordMustChange", time(p.passwordMustChange()));
        g.writeStringField("logonScript", p.logonScript());
        g.writeStringField("homeDirectory", p.homeDirectory());
        g.writeStringField("fullName", p.fullName());
        g.writeStringField("profilePath", p.profilePath());
        g.writeStringField("homeDirectoryDrive", p.homeDirectoryDrive());
        g.writeStringField("logonServer", p.logonServer());
        g.writeNumberField("userFlags", p.userFlags());
        g.writeEndObject();
    }
}
