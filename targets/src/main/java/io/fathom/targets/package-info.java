/**
 * What a scan probes and in which order: {@link io.fathom.targets.AddressSet} and
 * {@link io.fathom.targets.PortSet} parsed by {@link io.fathom.targets.TargetSpecs} (with the
 * {@link io.fathom.targets.SpecialPurposeBlocks} rule), numbered by {@link io.fathom.targets.TargetSpace}, and
 * walked in a seeded pseudo-random order ({@link io.fathom.targets.TargetOrders}: the cyclic group of ZMap or the
 * BlackRock cipher of masscan), one {@link io.fathom.targets.ShardCursor} per sender thread or machine.
 */
package io.fathom.targets;
