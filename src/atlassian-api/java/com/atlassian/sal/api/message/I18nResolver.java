/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.sal.api.message;

import java.io.Serializable;

/** The members Cutplan calls (the real interface declares more overloads). */
public interface I18nResolver {
    String getText(String key);

    String getText(String key, Serializable... arguments);
}
