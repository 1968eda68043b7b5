package org.openlsa.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The security descriptor of a new object from its parent's and its creator's (CreatePrivateObjectSecurityEx,
 * MS-DTYP 2.5.3.4 CreateSecurityDescriptor with ComputeACL and ComputeInheritedACLfromParent; the DACL only, as
 * AccessCheck needs it): what a resource manager stores for a file it creates in a directory, say, so that an
 * access check of it then follows Windows' rules.
 *
 * <p>Inheritance (learn.microsoft.com "ACE inheritance rules"), per parent ACE:
 * <ul>
 *   <li>a non-container child inherits ACEs with OBJECT_INHERIT as effective ACEs;</li>
 *   <li>a container child inherits ACEs with CONTAINER_INHERIT as effective ACEs, still inheritable unless
 *       NO_PROPAGATE_INHERIT; ACEs with OBJECT_INHERIT alone as inherit-only ACEs (for its own children), unless
 *       NO_PROPAGATE_INHERIT;</li>
 *   <li>an effective inherited ACE has its generic rights mapped and CREATOR OWNER / CREATOR GROUP replaced by the
 *       new object's owner and group; an inheritable one that holds such generic information is inherited twice: an
 *       effective-only ACE, mapped, and an inherit-only ACE as the parent had it, for the next generation;</li>
 *   <li>every inherited ACE carries INHERITED_ACE, and inherited ACEs follow the explicit ones.</li>
 * </ul>
 * Object ACEs, SACLs and conditional ACEs are not modelled here (as in {@link AccessCheck}).
 */
public final class PrivateObjectSecurity {
    private PrivateObjectSecurity() {}

    private static final int INHERIT_FLAGS = Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT | Ace.NO_PROPAGATE_INHERIT
            | Ace.INHERIT_ONLY;
    private static final int GENERIC_BITS = AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE
            | AccessMask.GENERIC_EXECUTE | AccessMask.GENERIC_ALL;

    /**
     * The new object's descriptor.
     *
     * @param parent the container's descriptor; null for an object without one (a root)
     * @param creator what the creator asked for: its owner, group and DACL win where present (a DACL flagged
     *     SE_DACL_DEFAULTED counts as not given); null for none
     * @param isContainer whether the new object is a container (a directory, a registry key)
     * @param autoInherit SEF_DACL_AUTO_INHERIT: the creator's explicit ACEs and the parent's inheritable ones
     *     together (unless the creator's DACL is SE_DACL_PROTECTED), and SE_DACL_AUTO_INHERITED set; without it, as
     *     the original CreatePrivateObjectSecurity: a creator's DACL replaces inheritance
     * @param token the creator's token: its owner and primary group when {@code creator} names none, its default
     *     DACL when neither the creator nor the parent gives one
     */
    public static SecurityDescriptor create(SecurityDescriptor parent, SecurityDescriptor creator, boolean isContainer,
                                            boolean autoInherit, AccessToken token, GenericMapping mapping) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mapping, "mapping");
        Sid owner = creator != null && creator.owner() != null ? creator.owner() : token.owner();
        Sid group = creator != null && creator.group() != null ? creator.group() : token.primaryGroup();
        boolean creatorDacl = creator != null && creator.daclPresent()
                && (creator.control() & SecurityDescriptor.SE_DACL_DEFAULTED) == 0;
        boolean protectedDacl = creatorDacl && (creator.control() & SecurityDescriptor.SE_DACL_PROTECTED) != 0;
        List<Ace> inherited = parent == null || parent.dacl() == null || protectedDacl ? List.of()
                : inheritedAces(parent.dacl(), isContainer, owner, group, mapping);
        int control = SecurityDescriptor.SE_DACL_PRESENT;
        Acl dacl;
        if (autoInherit) {
            List<Ace> aces = new ArrayList<>();
            if (creatorDacl && creator.dacl() != null) {
                for (Ace a : creator.dacl().aces()) {
                    if ((a.flags() & Ace.INHERITED) == 0) { // a creator's copy of inherited ACEs is not explicit
                        aces.add(explicit(a, mapping));
                    }
                }
            }
            aces.addAll(inherited);
            dacl = creatorDacl && creator.dacl() == null && inherited.isEmpty() ? null : new Acl(aces);
            control |= SecurityDescriptor.SE_DACL_AUTO_INHERITED | (protectedDacl ? SecurityDescriptor.SE_DACL_PROTECTED
                    : 0);
        } else if (creatorDacl) {
            dacl = creator.dacl() == null ? null : new Acl(creator.dacl().aces().stream()
                    .map(a -> explicit(a, mapping)).toList());
        } else if (!inherited.isEmpty()) {
            dacl = new Acl(inherited);
        } else if (token.defaultDacl().isPresent()) {
            dacl = token.defaultDacl().get();
            control |= SecurityDescriptor.SE_DACL_DEFAULTED;
        } else {
            dacl = null; // no DACL from anywhere: a NULL DACL, as Windows leaves it
        }
        return new SecurityDescriptor(control, owner, group, dacl);
    }

    /** An ACE the creator gave: generic rights mapped where it is effective here (not inherit-only). */
    private static Ace explicit(Ace a, GenericMapping mapping) {
        return (a.flags() & Ace.INHERIT_ONLY) != 0 ? a
                : new Ace(a.type(), a.flags(), mapping.map(a.accessMask()), a.sid());
    }

    /** ComputeInheritedACLfromParent for the DACL: what {@code parent} passes to a new child. */
    public static List<Ace> inheritedAces(Acl parent, boolean isContainer, Sid owner, Sid group,
                                          GenericMapping mapping) {
        List<Ace> out = new ArrayList<>();
        for (Ace a : parent.aces()) {
            boolean oi = (a.flags() & Ace.OBJECT_INHERIT) != 0;
            boolean ci = (a.flags() & Ace.CONTAINER_INHERIT) != 0;
            boolean np = (a.flags() & Ace.NO_PROPAGATE_INHERIT) != 0;
            int kept = a.flags() & ~INHERIT_FLAGS; // audit flags and the like travel along
            if (!isContainer) {
                if (oi) {
                    out.add(effective(a, kept, owner, group, mapping));
                }
                continue;
            }
            if (ci) {
                boolean inheritable = !np;
                boolean generic = (a.accessMask() & GENERIC_BITS) != 0 || isCreatorSid(a.sid());
                if (!inheritable) {
                    out.add(effective(a, kept, owner, group, mapping));
                } else if (generic) {
                    out.add(effective(a, kept, owner, group, mapping));
                    out.add(new Ace(a.type(), kept | (a.flags() & (Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT))
                            | Ace.INHERIT_ONLY | Ace.INHERITED, a.accessMask(), a.sid()));
                } else {
                    out.add(new Ace(a.type(), kept | (a.flags() & (Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT))
                            | Ace.INHERITED, a.accessMask(), a.sid()));
                }
            } else if (oi && !np) {
                // For the container's own non-container children only: not effective on the container.
                out.add(new Ace(a.type(), kept | Ace.OBJECT_INHERIT | Ace.INHERIT_ONLY | Ace.INHERITED,
                        a.accessMask(), a.sid()));
            }
        }
        return out;
    }

    private static Ace effective(Ace a, int kept, Sid owner, Sid group, GenericMapping mapping) {
        Sid sid = a.sid().equals(WellKnownSids.CREATOR_OWNER) ? owner
                : a.sid().equals(WellKnownSids.CREATOR_GROUP) ? group : a.sid();
        return new Ace(a.type(), kept | Ace.INHERITED, mapping.map(a.accessMask()), sid);
    }

    private static boolean isCreatorSid(Sid sid) {
        return sid.equals(WellKnownSids.CREATOR_OWNER) || sid.equals(WellKnownSids.CREATOR_GROUP);
    }
}
