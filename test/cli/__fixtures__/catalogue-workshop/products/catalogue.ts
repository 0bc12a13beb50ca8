// example-orchestrator's catalogue as domain models: 7 product blocks, 6 product types, 11 products.
import { defineProductBlock, defineProductType, r } from "@orchestrator/sdk";

export const NodeBlock = defineProductBlock({
  name: "Node",
  fields: {
    ims_id: r.int(),
    ipv4_ipam_id: r.int(),
    ipv6_ipam_id: r.int(),
    node_description: r.string(),
    node_name: r.string(),
    node_status: r.string(),
    nrm_id: r.int(),
    role_id: r.string(),
    site_id: r.string(),
    type_id: r.string(),
  },
});

export const PortBlock = defineProductBlock({
  name: "Port",
  fields: {
    node: r.block(NodeBlock),
    auto_negotiation: r.bool(),
    enabled: r.bool(),
    ims_id: r.int(),
    lldp: r.bool(),
    nrm_id: r.int(),
    port_description: r.string(),
    port_mode: r.string(),
    port_name: r.string(),
    port_type: r.string(),
  },
});

export const CorePortBlock = defineProductBlock({
  name: "CorePort",
  fields: {
    node: r.block(NodeBlock),
    enabled: r.bool(),
    ims_id: r.int(),
    ipv6_ipam_id: r.int(),
    nrm_id: r.int(),
    port_name: r.string(),
  },
});

export const CoreLinkBlock = defineProductBlock({
  name: "CoreLink",
  fields: {
    ports: r.list(r.block(CorePortBlock)),
    ims_id: r.int(),
    ipv6_prefix_ipam_id: r.int(),
    nrm_id: r.int(),
    under_maintenance: r.bool(),
  },
});

export const SapBlock = defineProductBlock({
  name: "SAP",
  fields: { port: r.block(PortBlock), ims_id: r.int(), vlan: r.int() },
});

export const VirtualCircuitBlock = defineProductBlock({
  name: "VirtualCircuit",
  fields: {
    saps: r.list(r.block(SapBlock)),
    ims_id: r.int(),
    nrm_id: r.int(),
    speed: r.int(),
    speed_policer: r.bool(),
  },
});

export const NsistpBlock = defineProductBlock({
  name: "Nsistp",
  fields: {
    sap: r.block(SapBlock),
    bandwidth: r.int(),
    expose_in_topology: r.bool(),
    is_alias_in: r.string(),
    is_alias_out: r.string(),
    stp_description: r.string(),
    stp_id: r.string(),
    topology: r.string(),
  },
});

export const Node = defineProductType({
  name: "Node",
  fixedInputs: { node_type: r.enum(["Cisco", "Nokia", "Cumulus", "FRR"]) },
  blocks: { node: r.block(NodeBlock) },
});

export const Port = defineProductType({
  name: "Port",
  fixedInputs: { speed: r.enum(["10000", "100000"]) },
  blocks: { port: r.block(PortBlock) },
});

export const CoreLink = defineProductType({
  name: "CoreLink",
  fixedInputs: { speed: r.enum(["10000", "100000"]) },
  blocks: { core_link: r.block(CoreLinkBlock) },
});

export const L2vpn = defineProductType({
  name: "L2vpn",
  blocks: { virtual_circuit: r.block(VirtualCircuitBlock) },
});

export const Nsip2p = defineProductType({
  name: "Nsip2p",
  blocks: { virtual_circuit: r.block(VirtualCircuitBlock) },
});

export const Nsistp = defineProductType({
  name: "Nsistp",
  blocks: { nsistp: r.block(NsistpBlock) },
});

/** Product name → product type, as the catalogue names them. */
export const CATALOGUE_PRODUCTS = {
  "node Cisco": Node,
  "node Nokia": Node,
  "node Cumulus": Node,
  "node FRR": Node,
  "port 10G": Port,
  "port 100G": Port,
  "core link 10G": CoreLink,
  "core link 100G": CoreLink,
  l2vpn: L2vpn,
  nsip2p: Nsip2p,
  nsistp: Nsistp,
} as const;
