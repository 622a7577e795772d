import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment, ServiceConfig } from "../../config/types";
import { childName, dashboardName, serviceLogGroupName } from "../naming";
import { onCallDashboardBody } from "./on-call";
import { sliDashboardBody } from "./sli";

export interface DashboardsArgs {
    environment: Environment;
    region: pulumi.Input<string>;
    services: ServiceConfig[];
    /** Every alarm of the stack (service alarms, composites, account alarms). */
    alarmArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Log groups the recent-errors widget reads; default the service log groups `/app/<env>/<service>`. */
    logGroupNames?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The SLI and on-call dashboards of an environment (SPEC §4.9). */
export class Dashboards extends pulumi.ComponentResource {
    readonly sliDashboardName: pulumi.Output<string>;
    readonly onCallDashboardName: pulumi.Output<string>;
    readonly dashboardArns: pulumi.Output<string[]>;

    constructor(name: string, args: DashboardsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:dashboards:Dashboards", name, {}, opts);
        const logGroupNames =
            args.logGroupNames ?? args.services.map((service) => serviceLogGroupName(args.environment, service.name));

        const sli = new aws.cloudwatch.Dashboard(
            childName(name, "sli"),
            {
                dashboardName: dashboardName(args.environment, "sli"),
                dashboardBody: pulumi
                    .output(args.region)
                    .apply((region) => JSON.stringify(sliDashboardBody(args.services, region))),
            },
            { parent: this },
        );
        const onCall = new aws.cloudwatch.Dashboard(
            childName(name, "on-call"),
            {
                dashboardName: dashboardName(args.environment, "on-call"),
                dashboardBody: pulumi
                    .all([args.region, pulumi.output(args.alarmArns), pulumi.output(logGroupNames)])
                    .apply(([region, alarmArns, groups]) =>
                        JSON.stringify(
                            onCallDashboardBody({ region, services: args.services, alarmArns, logGroupNames: groups }),
                        ),
                    ),
            },
            { parent: this },
        );

        this.sliDashboardName = sli.dashboardName;
        this.onCallDashboardName = onCall.dashboardName;
        this.dashboardArns = pulumi.all([sli.dashboardArn, onCall.dashboardArn]);
        this.registerOutputs({
            sliDashboardName: this.sliDashboardName,
            onCallDashboardName: this.onCallDashboardName,
            dashboardArns: this.dashboardArns,
        });
    }
}
