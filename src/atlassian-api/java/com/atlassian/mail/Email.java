/*
 * COMPILE-ONLY STUB. Never packaged: Confluence supplies the real type at run time. Declares only the members
 * Cutplan uses, with the exact signatures of the real API (see docs/install-confluence.md, "Build").
 */
package com.atlassian.mail;

public class Email {
    public Email(String to) {
    }

    public Email setSubject(String subject) {
        return this;
    }

    public Email setBody(String body) {
        return this;
    }

    public Email setMimeType(String mimeType) {
        return this;
    }

    public Email setFromName(String fromName) {
        return this;
    }

    public Email setEncoding(String encoding) {
        return this;
    }
}
