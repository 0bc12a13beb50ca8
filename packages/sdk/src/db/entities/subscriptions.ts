// MikroORM entities for the subscription (instance) tables, which the migrations backfill
// and the snapshot counts. Scalar foreign keys keep them independent of the metadata entities' graph.
import { defineEntity, p } from "@mikro-orm/core";
import { timestamp, uuidPk } from "./columns.ts";

export const Subscription = defineEntity({
  name: "Subscription",
  tableName: "subscriptions",
  properties: {
    subscriptionId: uuidPk(),
    description: p.string().length(2000),
    status: p.string().length(255).index(),
    productId: p.uuid(),
    customerId: p.string().index(),
    insync: p.boolean(),
    startDate: timestamp().nullable(),
    endDate: timestamp().nullable(),
    note: p.string().length(5000).nullable(),
    version: p.integer().default(1),
  },
});

export const SubscriptionInstance = defineEntity({
  name: "SubscriptionInstance",
  tableName: "subscription_instances",
  properties: {
    subscriptionInstanceId: uuidPk(),
    subscriptionId: p.uuid(),
    productBlockId: p.uuid(),
    label: p.string().length(255).nullable(),
  },
});

export const SubscriptionInstanceValue = defineEntity({
  name: "SubscriptionInstanceValue",
  tableName: "subscription_instance_values",
  properties: {
    subscriptionInstanceValueId: uuidPk(),
    subscriptionInstanceId: p.uuid(),
    resourceTypeId: p.uuid(),
    value: p.string().length(10000),
  },
});

export const SubscriptionInstanceRelation = defineEntity({
  name: "SubscriptionInstanceRelation",
  tableName: "subscription_instance_relations",
  properties: {
    inUseById: p.uuid().primary(),
    dependsOnId: p.uuid().primary(),
    orderId: p.integer().primary(),
    domainModelAttr: p.string().length(255).nullable(),
  },
});

export const Process = defineEntity({
  name: "Process",
  tableName: "processes",
  properties: {
    pid: uuidPk(),
    workflowId: p.uuid(),
    assignee: p.string().length(50).default("SYSTEM"),
    lastStatus: p.string().length(50),
    lastStep: p.string().length(255).nullable(),
    startedAt: timestamp().defaultRaw("current_timestamp"),
    lastModifiedAt: timestamp().defaultRaw("current_timestamp"),
    failedReason: p.string().length(10000).nullable(),
    traceback: p.string().length(50000).nullable(),
    createdBy: p.string().length(255).nullable(),
    isTask: p.boolean().default(false),
    note: p.string().length(5000).nullable(),
  },
});

export const ProcessSubscription = defineEntity({
  name: "ProcessSubscription",
  tableName: "processes_subscriptions",
  properties: {
    id: uuidPk(),
    pid: p.uuid(),
    subscriptionId: p.uuid(),
    createdAt: timestamp().defaultRaw("current_timestamp"),
    workflowTarget: p.string().length(255).nullable(),
  },
});

export const SUBSCRIPTION_ENTITIES = [
  Subscription,
  SubscriptionInstance,
  SubscriptionInstanceValue,
  SubscriptionInstanceRelation,
  Process,
  ProcessSubscription,
];
