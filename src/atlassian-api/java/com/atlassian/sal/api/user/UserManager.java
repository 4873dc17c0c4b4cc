/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.sal.api.user;

public interface UserManager {
    UserProfile getRemoteUser();

    UserKey getRemoteUserKey();

    boolean isSystemAdmin(UserKey userKey);

    boolean isUserInGroup(UserKey userKey, String group);
}
