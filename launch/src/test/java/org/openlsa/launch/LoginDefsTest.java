package org.openlsa.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The login PATHs read from login.defs text, with the forms shadow's getdef accepts and Debian's fallbacks. */
class LoginDefsTest {
    @Test
    void bothFormsAndTheLastDefinitionCount() {
        LoginDefs d = LoginDefs.parse("""
                # ENV_PATH PATH=/commented
                ENV_SUPATH\tPATH=/sbin:/bin
                ENV_PATH /first
                ENV_PATH   PATH=/opt/bin:/usr/bin
                """);
        assertEquals("/opt/bin:/usr/bin", d.userPath());
        assertEquals("/sbin:/bin", d.rootPath());
    }

    @Test
    void missingOrUnusableValuesFallBackToDebians() {
        assertEquals(LoginDefs.DEBIAN, LoginDefs.parse(""));
        LoginDefs d = LoginDefs.parse("ENV_PATH PATH=relative:/usr/bin\nENV_SUPATH\n");
        assertEquals(LoginDefs.DEBIAN, d, "a relative entry or an empty value is not a PATH login(1) would set");
    }

    @Test
    void theLoginEnvironmentUsesTheHostsValues() {
        assertEquals(LoginDefs.host().userPath(), Launcher.loginEnvironment(65534).get("PATH"));
        assertEquals(LoginDefs.host().rootPath(), Launcher.loginEnvironment(0).get("PATH"));
    }
}
