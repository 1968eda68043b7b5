package org.openlsa.sam;

/**
 * The syntax of a service principal name as the SAM stores it (MS-ADTS servicePrincipalName, the form of RFC 4120's
 * NT-SRV-HST/NT-SRV-INST names without the realm): {@code service/host[:port][/name]}. Every part is non-empty;
 * "port" is whatever follows the colon (SQL Server puts an instance name there); no '@', which would start a realm,
 * and no control characters. At most 2048 characters, the rangeUpper of servicePrincipalName.
 */
public final class ServicePrincipalNames {
    private ServicePrincipalNames() {}

    public static final int MAX_LENGTH = 2048;

    public static boolean isValid(String spn) {
        return problem(spn) == null;
    }

    /** @throws IllegalArgumentException naming the rule broken */
    public static String requireValid(String spn) {
        String problem = problem(spn);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return spn;
    }

    private static String problem(String spn) {
        if (spn == null) {
            return "a service principal name must not be null";
        }
        if (spn.length() > MAX_LENGTH) {
            return "a service principal name has at most " + MAX_LENGTH + " characters, not " + spn.length();
        }
        for (int i = 0; i < spn.length(); i++) {
            char c = spn.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '@') {
                return "service principal name '" + spn.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character or '@' (service/host[:port][/name])";
            }
        }
        String[] parts = spn.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            return "service principal name '" + spn + "' is not of the form service/host[:port][/name]";
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return "service principal name '" + spn + "' has an empty part (service/host[:port][/name])";
            }
        }
        String host = parts[1];
        int colon = host.indexOf(':');
        if (colon >= 0 && (colon == 0 || colon == host.length() - 1 || host.indexOf(':', colon + 1) >= 0)) {
            return "service principal name '" + spn
                    + "' has an empty host or port, or two colons (service/host[:port][/name])";
        }
        return null;
    }
}
