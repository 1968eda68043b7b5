package org.openlsa.sam;

import java.util.Objects;
import org.openlsa.core.Sid;

/** A global group of the account domain (MS-SAMR group object): its members are users of the domain. */
public record GroupAccount(long rid, Sid sid, String name, String description) {
    public GroupAccount {
        Objects.requireNonNull(sid, "sid");
        AccountNames.requireValid(name, AccountNames.MAX_GROUP_NAME, "group");
        Objects.requireNonNull(description, "description");
    }
}
