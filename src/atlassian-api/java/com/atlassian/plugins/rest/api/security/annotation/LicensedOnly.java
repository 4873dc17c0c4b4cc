/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.plugins.rest.api.security.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LicensedOnly {
}
