/**
 * Deliberately WRONG classes, one per architecture rule, that ArchitectureRulesBiteTest evaluates the rules against
 * to prove each rule reports a violation. Test code only: the product's ArchitectureTest imports main classes only,
 * so these are never judged as product code. Do not use them for anything else.
 */
package io.cutplan.archfixture;
