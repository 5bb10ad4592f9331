/**
 * Generated from docs/openapi.json by `npm run console:client`. Do not edit by hand.
 */

export interface paths {
    "/codec/decode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        payloads: {
                            /** @default  */
                            data?: string;
                            /** @default {} */
                            metadata?: {
                                [key: string]: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payloads: {
                                /** @default  */
                                data: string;
                                /** @default {} */
                                metadata: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/codec/encode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        payloads: {
                            /** @default  */
                            data?: string;
                            /** @default {} */
                            metadata?: {
                                [key: string]: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payloads: {
                                /** @default  */
                                data: string;
                                /** @default {} */
                                metadata: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/codec/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A form that opens a codec session (the token is never put in a URL) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The page with the form */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        /** Opens a codec session for the Temporal Web UI: sets a short-lived session cookie (supervisor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            /** @enum {string} */
                            status: "open";
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks?: {
                                [key: string]: "ok" | "unavailable";
                            };
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                        };
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database and Temporal answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks?: {
                                [key: string]: "ok" | "unavailable";
                            };
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or Temporal does not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks?: {
                                [key: string]: "ok" | "unavailable";
                            };
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/acknowledgments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Raw 999 or 277CA: stored once (identical bytes) and delivered to the exams of the claims it acknowledges by an ingestion workflow. 202 with the status URL; a repeat answers 200 with the first file */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Received before: the first file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimCount: number;
                            duplicate: boolean;
                            fileId: string;
                            findings: number;
                            payerId?: string;
                            /** @enum {string} */
                            status: "received" | "delivering" | "delivered" | "failed";
                            statusUrl: string;
                            traceNumber?: string;
                            transactionType: string;
                        };
                    };
                };
                /** @description Stored; its delivery runs (GET the status URL) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimCount: number;
                            duplicate: boolean;
                            fileId: string;
                            findings: number;
                            payerId?: string;
                            /** @enum {string} */
                            status: "received" | "delivering" | "delivered" | "failed";
                            statusUrl: string;
                            traceNumber?: string;
                            transactionType: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/acknowledgments/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery of an uploaded or received file: its status (received, delivering, delivered, failed) and where each claim went (signaled, reopened, already-posted, exam-ended, unmatched; null while pending) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimCount: number;
                            claims: {
                                claimId: string | null;
                                claimReference: string;
                                claimStatus: string | null;
                                claimVersion: number | null;
                                examId: string | null;
                                /** @enum {string|null} */
                                outcome: "signaled" | "reopened" | "already-posted" | "exam-ended" | "unmatched" | null;
                                reason: string | null;
                                signaled: boolean;
                                traceNumber: string | null;
                            }[];
                            counts: {
                                alreadyPosted: number;
                                examEnded: number;
                                pending: number;
                                reopened: number;
                                signaled: number;
                                unmatched: number;
                            };
                            deliveredAt: string | null;
                            error: string | null;
                            fileId: string;
                            fileName: string | null;
                            findings: number;
                            nextOffset: number | null;
                            payerId: string | null;
                            receivedAt: string;
                            source: string;
                            /** @enum {string} */
                            status: "received" | "delivering" | "delivered" | "failed";
                            traceNumber: string | null;
                            transactionType: string;
                            unmatchedTaskId: string | null;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit trail, filterable, newest first */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    cursor?: string;
                    from?: string;
                    limit?: number;
                    objectId?: string;
                    objectType?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorRoles: string[];
                                actorSub: string | null;
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                hash: string;
                                id: string;
                                objectId: string | null;
                                objectType: string | null;
                                prevHash: string;
                                requestId: string;
                                statusCode: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the hash chain of the whole audit trail and check it against the signed checkpoints of its end */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checked: number;
                            checkpoints?: {
                                checkpoints: number;
                                problem?: {
                                    checkpointAt: string;
                                    lastAuditId: string;
                                    reason: string;
                                };
                                valid: boolean;
                            };
                            firstBrokenId?: string;
                            valid: boolean;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing-entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Billing entities (who bills and is paid) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billingEntities: {
                                billingEntity: {
                                    /** @default true */
                                    active: boolean;
                                    address: {
                                        city: string;
                                        line1: string;
                                        line2?: string;
                                        postalCode: string;
                                        state: string;
                                    };
                                    /**
                                     * @default 2
                                     * @enum {string}
                                     */
                                    entityType: "1" | "2";
                                    firstName?: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "imaging-center" | "hospital" | "reading-group" | "physician";
                                    medicareCcn?: string;
                                    name: string;
                                    npi: string;
                                    payTo?: {
                                        city: string;
                                        line1: string;
                                        line2?: string;
                                        postalCode: string;
                                        state: string;
                                    };
                                    taxonomy: string;
                                    tin: string;
                                } | null;
                                id: string;
                                updatedAt: string;
                                updatedBy: string;
                                valid: boolean;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing-entities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A billing entity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billingEntity: {
                                /** @default true */
                                active: boolean;
                                address: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                /**
                                 * @default 2
                                 * @enum {string}
                                 */
                                entityType: "1" | "2";
                                firstName?: string;
                                id: string;
                                /** @enum {string} */
                                kind: "imaging-center" | "hospital" | "reading-group" | "physician";
                                medicareCcn?: string;
                                name: string;
                                npi: string;
                                payTo?: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                taxonomy: string;
                                tin: string;
                            } | null;
                            id: string;
                            updatedAt: string;
                            updatedBy: string;
                            valid: boolean;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Create or replace a billing entity (validated) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billingEntity: {
                                /** @default true */
                                active: boolean;
                                address: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                /**
                                 * @default 2
                                 * @enum {string}
                                 */
                                entityType: "1" | "2";
                                firstName?: string;
                                id: string;
                                /** @enum {string} */
                                kind: "imaging-center" | "hospital" | "reading-group" | "physician";
                                medicareCcn?: string;
                                name: string;
                                npi: string;
                                payTo?: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                taxonomy: string;
                                tin: string;
                            };
                            id: string;
                            version: number;
                        };
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billingEntity: {
                                /** @default true */
                                active: boolean;
                                address: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                /**
                                 * @default 2
                                 * @enum {string}
                                 */
                                entityType: "1" | "2";
                                firstName?: string;
                                id: string;
                                /** @enum {string} */
                                kind: "imaging-center" | "hospital" | "reading-group" | "physician";
                                medicareCcn?: string;
                                name: string;
                                npi: string;
                                payTo?: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                taxonomy: string;
                                tin: string;
                            };
                            id: string;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing-entities/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or replace billing entities from a CSV file (text/csv), all or nothing. Columns: id, name, entityType, firstName, npi, tin, taxonomy, kind, address.line1, address.line2, address.city, address.state, address.postalCode, payTo.line1, payTo.line2, payTo.city, payTo.state, payTo.postalCode, medicareCcn, active */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            ids: string[];
                            imported: number;
                            replaced: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chargemaster/{entityId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A billing entity's chargemaster items (optionally those in effect on a date) */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    date?: string;
                };
                header?: never;
                path: {
                    entityId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entityId: string;
                            items: {
                                code: string;
                                description: string;
                                effectiveFrom: string;
                                effectiveTo: string | null;
                                id: number;
                                modifier: string;
                                priceCents: number;
                                revenueCode: string | null;
                                updatedAt: string;
                                updatedBy: string;
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Replace a billing entity's chargemaster with the given items (validated, all or nothing) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entityId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entityId: string;
                            removed: number;
                            stored: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chargemaster/{entityId}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a billing entity's chargemaster from a CSV file (text/csv; header: code, modifier, price_cents or price, revenue_code, effective_from, effective_to, description); all or nothing, 422 names each bad row and column */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entityId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entityId: string;
                            removed: number;
                            stored: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Claims, filtered by exam, status, payer or kind; cursor pagination */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    examId?: string;
                    kind?: "global" | "professional" | "technical";
                    limit?: number;
                    payerId?: string;
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                chargeCents: number;
                                claimId: string;
                                dateOfService: string;
                                examId: string;
                                firstSubmittedAt: string | null;
                                form: string;
                                kind: string;
                                lastSubmittedAt: string | null;
                                paidCents: number;
                                patientResponsibilityCents: number;
                                payerClaimNumber: string | null;
                                payerId: string;
                                status: string;
                                updatedAt: string;
                                version: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{claimId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One claim with its submissions and status history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appealRequests: {
                                deadline: string;
                                disputedCents: number;
                                documentId: string;
                                filedAt: string | null;
                                form: string | null;
                                href: string;
                                level: number;
                                levelName: string;
                                payerId: string;
                                remittanceDate: string;
                                status: string;
                                vehicle: string;
                                version: number;
                            }[];
                            chargeCents: number;
                            claimId: string;
                            dateOfService: string;
                            documents: {
                                appealLevel: number | null;
                                createdAt: string;
                                documentId: string;
                                fileName: string;
                                /** @enum {string} */
                                kind: "claim" | "appeal";
                                outcome: string | null;
                                transactionType: string;
                                version: number;
                            }[];
                            examId: string;
                            firstSubmittedAt: string | null;
                            form: string;
                            history: {
                                at: string;
                                documentId: string | null;
                                note: string | null;
                                source: string;
                                status: string;
                                statusCodes: string[];
                                version: number;
                            }[];
                            kind: string;
                            lastSubmittedAt: string | null;
                            paidCents: number;
                            patientResponsibilityCents: number;
                            payerClaimNumber: string | null;
                            payerId: string;
                            scrub: {
                                codedAt: string;
                                dateOfService: string;
                                referenceData: string[];
                            } | null;
                            scrubFindings: {
                                autoFixed: boolean;
                                code: string;
                                field: string;
                                fix: string;
                                message: string;
                                /** @enum {string} */
                                severity: "error" | "warning";
                            }[];
                            status: string;
                            submissions: {
                                channel: string;
                                documentId: string;
                                fileName: string;
                                frequency: string;
                                sentAt: string | null;
                                status: string;
                                transactionControlNumber: string;
                                version: number;
                            }[];
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/claims/{claimId}/x12": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exact X12 sent for the claim: the latest version, or ?version=; an appeal file with ?appealLevel= (and ?version=); any listed file with ?documentId= */
        get: {
            parameters: {
                query?: {
                    appealLevel?: number;
                    documentId?: string;
                    version?: number;
                };
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The X12 file as it was sent, byte for byte (Content-Disposition names the file) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/edi-x12": string;
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Order intake: starts the exam workflow (idempotent on accessionNumber) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessionNumber: string;
                        coverages: {
                            groupNumber?: string;
                            memberId: string;
                            /** @enum {string} */
                            mspType?: "12" | "13" | "14" | "15" | "16" | "41" | "42" | "43" | "47";
                            /** @enum {string} */
                            order: "primary" | "secondary" | "tertiary";
                            payerId: string;
                            /** @enum {string} */
                            relationship: "self" | "spouse" | "child" | "other";
                            subscriber?: {
                                address?: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                birthDate: string;
                                firstName: string;
                                lastName: string;
                                /** @enum {string} */
                                sex: "F" | "M" | "U";
                            };
                        }[];
                        facility: {
                            /** @enum {string} */
                            billingArrangement: "global" | "split" | "professional" | "technical";
                            id: string;
                            placeOfService: string;
                        };
                        order: {
                            diagnoses: string[];
                            /** @enum {string} */
                            modality: "CR" | "DX" | "CT" | "MR" | "US" | "MG" | "NM" | "PT" | "XA" | "RF" | "BD";
                            orderingProviderNpi: string;
                            /**
                             * @default routine
                             * @enum {string}
                             */
                            priority?: "routine" | "urgent" | "stat";
                            procedures: {
                                cpt: string;
                                /** @enum {string} */
                                laterality?: "LT" | "RT" | "bilateral";
                                /** @default 1 */
                                units?: number;
                            }[];
                            reason?: string;
                            /** Format: date-time */
                            scheduledAt: string;
                        };
                        patient: {
                            address: {
                                city: string;
                                line1: string;
                                line2?: string;
                                postalCode: string;
                                state: string;
                            };
                            birthDate: string;
                            firstName: string;
                            lastName: string;
                            mrn: string;
                            phone?: string;
                            /** @enum {string} */
                            sex: "F" | "M" | "U";
                        };
                    };
                };
            };
            responses: {
                /** @description Received before with the same body: the same exam */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            examId: string;
                            location: string;
                        };
                    };
                };
                /** @description A new exam: its workflow started */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            examId: string;
                            location: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Phase, status, open tasks, claims, balances, next timers
         * @description Answered from PostgreSQL: the exam's row as its workflow last recorded a transition, and its open tasks (`live: false`). `consistency=live` asks the exam's workflow instead (`live: true`; the row when the workflow does not answer in time).
         */
        get: {
            parameters: {
                query?: {
                    /** @description `projection` (default): PostgreSQL answers, as the exam last recorded itself; `live`: the exam's workflow answers (its own state at this moment; slower) */
                    consistency?: "projection" | "live";
                };
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessionNumber: string;
                            balances: {
                                [key: string]: number;
                            };
                            cancellation?: {
                                at: string;
                                reason: string;
                            };
                            claims: {
                                appealLevel: number;
                                claimId: string;
                                component: string;
                                firstSubmittedAt: string;
                                patientResponsibilityCents: number;
                                status: string;
                                version: number;
                            }[];
                            coverages: {
                                order: string;
                                payerId: string;
                            }[];
                            escalated: boolean;
                            examId: string;
                            facility: {
                                id: string;
                            };
                            live: boolean;
                            nextTimers: {
                                claimId?: string | null;
                                dueAt: string;
                                kind: string;
                            }[];
                            openTasks: {
                                claimId?: string | null;
                                dueAt: string | null;
                                escalated?: boolean;
                                priority?: string;
                                queue: string;
                                taskId: string;
                                type: string;
                            }[];
                            order: {
                                modality: string;
                                procedures: {
                                    cpt: string;
                                }[];
                                scheduledAt: string;
                            };
                            phase: string;
                            report?: {
                                addenda: number;
                                status: string;
                            };
                            status: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the exam with a reason (any phase before closed); Idempotency-Key header honoured */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description The exam, cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExamStatus"];
                    };
                };
                /** @description The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PendingUpdate"];
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exam's rendered documents (statements, appeal letters) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            documents: {
                                claimId: string | null;
                                contentType: string;
                                createdAt: string;
                                documentId: string;
                                href: string;
                                /** @enum {string} */
                                kind: "statement" | "appeal-letter" | "claim-change-request";
                                sha256: string;
                                sizeBytes: number;
                            }[];
                            examId: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rendered document, byte for byte (application/pdf) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    documentId: string;
                    examId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The document as it was rendered, byte for byte */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readable timeline of the exam from the Temporal history of all its runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            examId: string;
                            runs: {
                                runId: string;
                                temporalUiUrl: string | null;
                            }[];
                            timeline: {
                                at: string;
                                /** @enum {string} */
                                kind: "run-started" | "continued-as-new" | "run-completed" | "event" | "phase-changed" | "task-opened" | "task-closed" | "task-escalated" | "timer-set" | "timer-cancelled" | "timer-fired" | "document-sent" | "document-received" | "work";
                                ref?: {
                                    [key: string]: (string | number) | null;
                                };
                                runId: string;
                                summary: string;
                                who?: string;
                            }[];
                            workflowId: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exam ledger: entries (account, debit/credit, source document) and balances by account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: {
                                account: string;
                                accountClass: string;
                                balanceCents: number;
                                creditCents: number;
                                debitCents: number;
                            }[];
                            balances: {
                                account: string;
                                accountClass: string;
                                balanceCents: number;
                                claimId: string | null;
                                payerId: string | null;
                            }[];
                            creditBalanceAccounts: string[];
                            entries: {
                                claimId: string | null;
                                effectiveDate: string;
                                entryId: string;
                                lines: {
                                    account: string;
                                    accountClass: string;
                                    creditCents: number;
                                    debitCents: number;
                                    memo: {
                                        [key: string]: unknown;
                                    } | null;
                                    payerId: string | null;
                                }[];
                                postedAt: string;
                                postedBy: string | null;
                                reversesEntryId: string | null;
                                source: {
                                    documentId: string;
                                    kind: string;
                                    reference: string | null;
                                };
                            }[];
                            examId: string;
                            totals: {
                                adjustmentsCents: number;
                                balanced: boolean;
                                chargesCents: number;
                                insuranceOpenCents: number;
                                patientOpenCents: number;
                                paymentsCents: number;
                                refundsPayableCents: number;
                                unappliedCashCents: number;
                            };
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Patient payment (idempotent on reference; Idempotency-Key header honoured) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountCents: number;
                        /** @enum {string} */
                        method: "cash" | "check" | "card" | "ach" | "other";
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description The exam's answer: whether the event changed it (applied) or had been applied before (duplicate), and the exam afterwards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExamEventResult"];
                    };
                };
                /** @description The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PendingUpdate"];
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/performed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exam performed (RIS): procedures, contrast, place of service; Idempotency-Key header honoured */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        contrast?: boolean;
                        eventId?: string;
                        /** Format: date-time */
                        performedAt: string;
                        placeOfService: string;
                        procedures: {
                            abn?: {
                                /** @enum {string} */
                                option?: "1" | "2" | "3";
                                signed: boolean;
                            };
                            /** @enum {string} */
                            contrast?: "none" | "with" | "without-then-with";
                            cpt: string;
                            diagnoses?: string[];
                            /** @enum {string} */
                            distinct?: "separate-encounter" | "separate-site" | "separate-practitioner" | "unusual-service";
                            /** Format: date-time */
                            endedAt?: string;
                            /**
                             * @default null
                             * @enum {string|null}
                             */
                            laterality?: "50" | "LT" | "RT" | null;
                            /** @default [] */
                            modifiers?: string[];
                            reduced?: boolean;
                            /** @enum {string} */
                            repeat?: "same-physician" | "other-physician";
                            /** Format: date-time */
                            startedAt?: string;
                            /** @default 1 */
                            units?: number;
                        }[];
                        technologist?: {
                            familyName?: string;
                            givenName?: string;
                            id: string;
                        };
                    };
                };
            };
            responses: {
                /** @description The exam's answer: whether the event changed it (applied) or had been applied before (duplicate), and the exam afterwards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExamEventResult"];
                    };
                };
                /** @description The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PendingUpdate"];
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exams/{examId}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report event: preliminary, final (releases the charge) or addendum; Idempotency-Key header honoured */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    examId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        diagnoses?: string[];
                        eventId?: string;
                        radiologistNpi: string;
                        /** Format: date-time */
                        signedAt: string;
                        /** @enum {string} */
                        status: "preliminary" | "final" | "addendum";
                    };
                };
            };
            responses: {
                /** @description The exam's answer: whether the event changed it (applied) or had been applied before (duplicate), and the exam afterwards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExamEventResult"];
                    };
                };
                /** @description The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PendingUpdate"];
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Facilities and which entity bills each component there */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            facilities: {
                                facility: {
                                    /** @default true */
                                    active: boolean;
                                    address: {
                                        city: string;
                                        line1: string;
                                        line2?: string;
                                        postalCode: string;
                                        state: string;
                                    };
                                    billing: {
                                        [key: string]: {
                                            professional?: string;
                                            technical?: string;
                                        };
                                    };
                                    /**
                                     * @default global
                                     * @enum {string}
                                     */
                                    defaultArrangement: "global" | "split" | "professional" | "technical";
                                    id: string;
                                    mqsaCertificate?: string;
                                    name: string;
                                    npi?: string;
                                    placeOfService: string;
                                    timeZone: string;
                                } | null;
                                id: string;
                                updatedAt: string;
                                updatedBy: string;
                                valid: boolean;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A facility */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            facility: {
                                /** @default true */
                                active: boolean;
                                address: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                billing: {
                                    [key: string]: {
                                        professional?: string;
                                        technical?: string;
                                    };
                                };
                                /**
                                 * @default global
                                 * @enum {string}
                                 */
                                defaultArrangement: "global" | "split" | "professional" | "technical";
                                id: string;
                                mqsaCertificate?: string;
                                name: string;
                                npi?: string;
                                placeOfService: string;
                                timeZone: string;
                            } | null;
                            id: string;
                            updatedAt: string;
                            updatedBy: string;
                            valid: boolean;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Create or replace a facility (validated; the billing entities it names must exist) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            facility: {
                                /** @default true */
                                active: boolean;
                                address: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                billing: {
                                    [key: string]: {
                                        professional?: string;
                                        technical?: string;
                                    };
                                };
                                /**
                                 * @default global
                                 * @enum {string}
                                 */
                                defaultArrangement: "global" | "split" | "professional" | "technical";
                                id: string;
                                mqsaCertificate?: string;
                                name: string;
                                npi?: string;
                                placeOfService: string;
                                timeZone: string;
                            };
                            id: string;
                            version: number;
                        };
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            facility: {
                                /** @default true */
                                active: boolean;
                                address: {
                                    city: string;
                                    line1: string;
                                    line2?: string;
                                    postalCode: string;
                                    state: string;
                                };
                                billing: {
                                    [key: string]: {
                                        professional?: string;
                                        technical?: string;
                                    };
                                };
                                /**
                                 * @default global
                                 * @enum {string}
                                 */
                                defaultArrangement: "global" | "split" | "professional" | "technical";
                                id: string;
                                mqsaCertificate?: string;
                                name: string;
                                npi?: string;
                                placeOfService: string;
                                timeZone: string;
                            };
                            id: string;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/facilities/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or replace facilities from a CSV file (text/csv), all or nothing. Columns: id, name, address.line1, address.line2, address.city, address.state, address.postalCode, placeOfService, timeZone, mqsaCertificate, npi, defaultArrangement, billing.global.technical, billing.global.professional, billing.split.technical, billing.split.professional, billing.professional.technical, billing.professional.professional, billing.technical.technical, billing.technical.professional, active */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            ids: string[];
                            imported: number;
                            replaced: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/interface/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HL7 messages received over MLLP and their outcome (filters: status, accession, type); no raw message */
        get: {
            parameters: {
                query?: {
                    accession?: string;
                    cursor?: string;
                    limit?: number;
                    status?: "received" | "applied" | "held" | "error";
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accessionNumber: string | null;
                                ackCode: string;
                                controlId: string;
                                errorCode: string | null;
                                errorField: string | null;
                                errorMessage: string | null;
                                event: string | null;
                                examId: string | null;
                                messageId: string;
                                messageType: string;
                                note: string | null;
                                receivedAt: string;
                                sendingApplication: string;
                                sendingFacility: string;
                                status: string;
                                taskId: string | null;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/interface/messages/{messageId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replay a stored HL7 message after fixing its cause (profile or data at the source); resolves its interface-error task when it now applies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ackCode: string;
                            errorField: string | null;
                            messageId: string;
                            status: string;
                            taskResolved: boolean;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payers and their policies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payers: {
                                active: boolean;
                                name: string;
                                payerId: string;
                                payerType: string;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payers/{payerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payer and its policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    payerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payerId: string;
                            /** @description The payer policy as stored (see PayerPolicySchema in domain/policy) */
                            policy: {
                                [key: string]: unknown;
                            };
                            updatedAt: string;
                            updatedBy: string | null;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Create or replace a payer policy (validated); open exams of the payer (primary or secondary) reload it */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    payerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The policy replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payerId: string;
                            /** @description The payer policy as stored (see PayerPolicySchema in domain/policy) */
                            policy: {
                                [key: string]: unknown;
                            };
                            version: number;
                        };
                    };
                };
                /** @description The payer created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payerId: string;
                            /** @description The payer policy as stored (see PayerPolicySchema in domain/policy) */
                            policy: {
                                [key: string]: unknown;
                            };
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payers/{payerId}/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payer's contracts, by billing entity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    payerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contracts: {
                                entityId: string;
                                updatedAt: string;
                                version: number;
                            }[];
                            payerId: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payers/{payerId}/contracts/{entityId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payer's contract with a billing entity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entityId: string;
                    payerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contract: {
                                medicareLocality?: string;
                                sequestrationPercent?: number;
                                terms: {
                                    effectiveFrom: string;
                                    effectiveTo?: string | null;
                                    rate: {
                                        /** @enum {string} */
                                        kind: "percent-of-fee-schedule";
                                        percent: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "per-code";
                                        otherwisePercentOfFeeSchedule?: number;
                                        rates: {
                                            cents: number;
                                            code: string;
                                            /** @default  */
                                            modifier: string;
                                        }[];
                                    };
                                    /**
                                     * @default {
                                     *       "cents": 0,
                                     *       "percent": 0
                                     *     }
                                     */
                                    tolerance: {
                                        /** @default 0 */
                                        cents: number;
                                        /** @default 0 */
                                        percent: number;
                                    };
                                }[];
                            };
                            entityId: string;
                            payerId: string;
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Create or replace a payer's contract with a billing entity (validated) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entityId: string;
                    payerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The contract replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contract: {
                                medicareLocality?: string;
                                sequestrationPercent?: number;
                                terms: {
                                    effectiveFrom: string;
                                    effectiveTo?: string | null;
                                    rate: {
                                        /** @enum {string} */
                                        kind: "percent-of-fee-schedule";
                                        percent: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "per-code";
                                        otherwisePercentOfFeeSchedule?: number;
                                        rates: {
                                            cents: number;
                                            code: string;
                                            /** @default  */
                                            modifier: string;
                                        }[];
                                    };
                                    /**
                                     * @default {
                                     *       "cents": 0,
                                     *       "percent": 0
                                     *     }
                                     */
                                    tolerance: {
                                        /** @default 0 */
                                        cents: number;
                                        /** @default 0 */
                                        percent: number;
                                    };
                                }[];
                            };
                            entityId: string;
                            payerId: string;
                            version: number;
                        };
                    };
                };
                /** @description The contract created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contract: {
                                medicareLocality?: string;
                                sequestrationPercent?: number;
                                terms: {
                                    effectiveFrom: string;
                                    effectiveTo?: string | null;
                                    rate: {
                                        /** @enum {string} */
                                        kind: "percent-of-fee-schedule";
                                        percent: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "per-code";
                                        otherwisePercentOfFeeSchedule?: number;
                                        rates: {
                                            cents: number;
                                            code: string;
                                            /** @default  */
                                            modifier: string;
                                        }[];
                                    };
                                    /**
                                     * @default {
                                     *       "cents": 0,
                                     *       "percent": 0
                                     *     }
                                     */
                                    tolerance: {
                                        /** @default 0 */
                                        cents: number;
                                        /** @default 0 */
                                        percent: number;
                                    };
                                }[];
                            };
                            entityId: string;
                            payerId: string;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Providers (radiologists, ordering physicians) by NPI; `name` filters by the start of the last or first name */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            providers: {
                                npi: string;
                                provider: {
                                    /** @default true */
                                    active: boolean;
                                    credential?: string;
                                    firstName?: string;
                                    lastName: string;
                                    middleName?: string;
                                    npi: string;
                                    /** @default [] */
                                    reassignedTo: string[];
                                    /**
                                     * @default [
                                     *       "ordering"
                                     *     ]
                                     */
                                    roles: ("radiologist" | "ordering")[];
                                    taxonomy?: string;
                                } | null;
                                updatedAt: string;
                                updatedBy: string;
                                valid: boolean;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{npi}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A provider */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    npi: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            npi: string;
                            provider: {
                                /** @default true */
                                active: boolean;
                                credential?: string;
                                firstName?: string;
                                lastName: string;
                                middleName?: string;
                                npi: string;
                                /** @default [] */
                                reassignedTo: string[];
                                /**
                                 * @default [
                                 *       "ordering"
                                 *     ]
                                 */
                                roles: ("radiologist" | "ordering")[];
                                taxonomy?: string;
                            } | null;
                            updatedAt: string;
                            updatedBy: string;
                            valid: boolean;
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        /** Create or replace a provider (validated; the entities reassigned to must exist) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    npi: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            npi: string;
                            provider: {
                                /** @default true */
                                active: boolean;
                                credential?: string;
                                firstName?: string;
                                lastName: string;
                                middleName?: string;
                                npi: string;
                                /** @default [] */
                                reassignedTo: string[];
                                /**
                                 * @default [
                                 *       "ordering"
                                 *     ]
                                 */
                                roles: ("radiologist" | "ordering")[];
                                taxonomy?: string;
                            };
                            version: number;
                        };
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            npi: string;
                            provider: {
                                /** @default true */
                                active: boolean;
                                credential?: string;
                                firstName?: string;
                                lastName: string;
                                middleName?: string;
                                npi: string;
                                /** @default [] */
                                reassignedTo: string[];
                                /**
                                 * @default [
                                 *       "ordering"
                                 *     ]
                                 */
                                roles: ("radiologist" | "ordering")[];
                                taxonomy?: string;
                            };
                            version: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or replace providers from a CSV file (text/csv), all or nothing. Columns: npi, lastName, firstName, middleName, credential, taxonomy, roles, reassignedTo, active */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            ids: string[];
                            imported: number;
                            replaced: number;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/remittances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Raw 835: checked against the file limits, stored once per payer and trace number (or identical bytes), then delivered to the exams of its claims by an ingestion workflow. 202 with the status URL; a repeat answers 200 with the first file */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Received before: the first file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimCount: number;
                            duplicate: boolean;
                            fileId: string;
                            findings: number;
                            payerId?: string;
                            /** @enum {string} */
                            status: "received" | "delivering" | "delivered" | "failed";
                            statusUrl: string;
                            traceNumber?: string;
                            transactionType: string;
                        };
                    };
                };
                /** @description Stored; its delivery runs (GET the status URL) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimCount: number;
                            duplicate: boolean;
                            fileId: string;
                            findings: number;
                            payerId?: string;
                            /** @enum {string} */
                            status: "received" | "delivering" | "delivered" | "failed";
                            statusUrl: string;
                            traceNumber?: string;
                            transactionType: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/remittances/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery of an uploaded or received file: its status (received, delivering, delivered, failed) and where each claim went (signaled, reopened, already-posted, exam-ended, unmatched; null while pending) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimCount: number;
                            claims: {
                                claimId: string | null;
                                claimReference: string;
                                claimStatus: string | null;
                                claimVersion: number | null;
                                examId: string | null;
                                /** @enum {string|null} */
                                outcome: "signaled" | "reopened" | "already-posted" | "exam-ended" | "unmatched" | null;
                                reason: string | null;
                                signaled: boolean;
                                traceNumber: string | null;
                            }[];
                            counts: {
                                alreadyPosted: number;
                                examEnded: number;
                                pending: number;
                                reopened: number;
                                signaled: number;
                                unmatched: number;
                            };
                            deliveredAt: string | null;
                            error: string | null;
                            fileId: string;
                            fileName: string | null;
                            findings: number;
                            nextOffset: number | null;
                            payerId: string | null;
                            receivedAt: string;
                            source: string;
                            /** @enum {string} */
                            status: "received" | "delivering" | "delivered" | "failed";
                            traceNumber: string | null;
                            transactionType: string;
                            unmatchedTaskId: string | null;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/ar-aging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A/R aging: buckets 0-30, 31-60, 61-90, 91-120, 120+ by payer, insurance vs patient, as of a date (default today), aged from service or first submission */
        get: {
            parameters: {
                query?: {
                    agedFrom?: "service" | "submission";
                    asOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            agedFrom: "service" | "submission";
                            asOf: string;
                            buckets: string[];
                            byPayer: {
                                bucketsCents: {
                                    "0-30": number;
                                    "31-60": number;
                                    "61-90": number;
                                    "91-120": number;
                                    "120+": number;
                                };
                                creditBalanceCents: number;
                                creditItems: number;
                                openCents: number;
                                openItems: number;
                                over90: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                payerId: string | null;
                                /** @enum {string} */
                                responsibility: "insurance" | "patient";
                                totalCents: number;
                            }[];
                            definitions: {
                                [key: string]: string;
                            };
                            insurance: {
                                bucketsCents: {
                                    "0-30": number;
                                    "31-60": number;
                                    "61-90": number;
                                    "91-120": number;
                                    "120+": number;
                                };
                                creditBalanceCents: number;
                                creditItems: number;
                                openCents: number;
                                openItems: number;
                                over90: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                totalCents: number;
                            };
                            patient: {
                                bucketsCents: {
                                    "0-30": number;
                                    "31-60": number;
                                    "61-90": number;
                                    "91-120": number;
                                    "120+": number;
                                };
                                creditBalanceCents: number;
                                creditItems: number;
                                openCents: number;
                                openItems: number;
                                over90: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                totalCents: number;
                            };
                            total: {
                                bucketsCents: {
                                    "0-30": number;
                                    "31-60": number;
                                    "61-90": number;
                                    "91-120": number;
                                    "120+": number;
                                };
                                creditBalanceCents: number;
                                creditItems: number;
                                openCents: number;
                                openItems: number;
                                over90: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                totalCents: number;
                            };
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/denials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Denials on 835s received in a period (from/to inclusive, default the last 30 days) by payer, category, CARC and root cause */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byCarc: {
                                carc: string;
                                category: string;
                                denials: number;
                                deniedCents: number;
                                deniedClaims: number;
                                description: string;
                                group: string;
                                recommendedAction: string | null;
                                rootCause: string;
                            }[];
                            byCategory: {
                                category: string;
                                denials: number;
                                deniedCents: number;
                                deniedClaims: number;
                                shareOfDeniedCents: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                            }[];
                            byPayer: {
                                adjudicatedClaims: number;
                                denialRate: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                denials: number;
                                deniedCents: number;
                                deniedClaims: number;
                                payerId: string;
                            }[];
                            byRootCause: {
                                category: string;
                                denials: number;
                                deniedCents: number;
                                deniedClaims: number;
                                rootCause: string;
                            }[];
                            definitions: {
                                [key: string]: string;
                            };
                            from: string;
                            to: string;
                            total: {
                                adjudicatedClaims: number;
                                denialRate: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                denials: number;
                                deniedCents: number;
                                deniedClaims: number;
                            };
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** KPIs over a period (from/to inclusive, default the last 30 days): clean claim, first-pass acceptance and denial rates, days in A/R, % A/R over 90 days, net collection rate */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            arOver90: {
                                denominator: number;
                                numerator: number;
                                percent: number | null;
                            };
                            byPayer: {
                                cleanClaimRate: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                denialRate: {
                                    deniedCents: number;
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                firstPassAcceptanceRate: {
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                                payerId: string;
                            }[];
                            cleanClaimRate: {
                                denominator: number;
                                numerator: number;
                                percent: number | null;
                            };
                            days: number;
                            daysInAR: {
                                arCents: number;
                                averageDailyChargesCents: number;
                                chargesCents: number;
                                days: number | null;
                                insuranceArCents: number;
                                patientArCents: number;
                            };
                            definitions: {
                                [key: string]: string;
                            };
                            denialRate: {
                                byCategory: {
                                    category: string;
                                    deniedCents: number;
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                }[];
                                byPayer: {
                                    deniedCents: number;
                                    denominator: number;
                                    numerator: number;
                                    payerId: string;
                                    percent: number | null;
                                }[];
                                overall: {
                                    deniedCents: number;
                                    denominator: number;
                                    numerator: number;
                                    percent: number | null;
                                };
                            };
                            firstPassAcceptanceRate: {
                                denominator: number;
                                numerator: number;
                                percent: number | null;
                            };
                            from: string;
                            netCollectionRate: {
                                chargesCents: number;
                                contractualAdjustmentsCents: number;
                                denominator: number;
                                numerator: number;
                                paymentsCents: number;
                                percent: number | null;
                            };
                            to: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Work queue: filters, sorted by priority then due time, cursor pagination */
        get: {
            parameters: {
                query?: {
                    assignee?: string;
                    cursor?: string;
                    examId?: string;
                    limit?: number;
                    overdue?: "true" | "false";
                    queue?: "front_desk" | "coder" | "biller" | "supervisor";
                    status?: "open" | "resolved" | "cancelled" | "superseded" | "all";
                    type?: "registration-fix" | "eligibility-review" | "prior-auth-obtain" | "prior-auth-mismatch" | "report-signature-overdue" | "coding-review" | "claim-rejected" | "timely-filing-risk" | "claim-follow-up" | "ar-escalation" | "denial-work" | "write-off-approval" | "patient-balance-review" | "remittance-unmatched" | "credit-balance-refund" | "underpayment-review" | "no-show-review" | "claim-build-error" | "interface-error" | "stalled-exam" | "coverage-change-review";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            tasks: {
                                assignee: string | null;
                                claimId: string | null;
                                closedAt: string | null;
                                context: {
                                    [key: string]: unknown;
                                };
                                dueAt: string;
                                escalated: boolean;
                                examId: string | null;
                                openedAt: string;
                                overdue: boolean;
                                priority: string;
                                queue: string;
                                resolutionAction: string | null;
                                resolvedBy: string | null;
                                status: string;
                                taskId: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task with its context */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: string | null;
                            claimId: string | null;
                            closedAt: string | null;
                            context: {
                                [key: string]: unknown;
                            };
                            dueAt: string;
                            escalated: boolean;
                            examId: string | null;
                            openedAt: string;
                            overdue: boolean;
                            priority: string;
                            queue: string;
                            resolutionAction: string | null;
                            resolvedBy: string | null;
                            status: string;
                            taskId: string;
                            type: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{taskId}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the task to yourself */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: string | null;
                            claimId: string | null;
                            closedAt: string | null;
                            context: {
                                [key: string]: unknown;
                            };
                            dueAt: string;
                            escalated: boolean;
                            examId: string | null;
                            openedAt: string;
                            overdue: boolean;
                            priority: string;
                            queue: string;
                            resolutionAction: string | null;
                            resolvedBy: string | null;
                            status: string;
                            taskId: string;
                            type: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{taskId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the task back to its queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: string | null;
                            claimId: string | null;
                            closedAt: string | null;
                            context: {
                                [key: string]: unknown;
                            };
                            dueAt: string;
                            escalated: boolean;
                            examId: string | null;
                            openedAt: string;
                            overdue: boolean;
                            priority: string;
                            queue: string;
                            resolutionAction: string | null;
                            resolvedBy: string | null;
                            status: string;
                            taskId: string;
                            type: string;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{taskId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve the task (resolution per task type, a union on `action`); delivered to the exam as an Update. Unmatched remittance work (no exam): `matched` (`examId`, optional `claimId`), `returned-to-payer` (`reference`), `not-ours` (`note`) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The task resolved, and the exam afterwards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            delivery?: string;
                            exam: components["schemas"]["ExamStatus"] | null;
                            task: {
                                assignee?: string | null;
                                claimId: string | null;
                                closedAt: string | null;
                                context: {
                                    [key: string]: unknown;
                                };
                                dueAt: string | null;
                                escalated: boolean;
                                examId?: string | null;
                                openedAt: string;
                                overdue?: boolean;
                                priority: string;
                                queue: string;
                                resolutionAction: string | null;
                                resolvedBy: string | null;
                                status: string;
                                taskId: string;
                                type: string;
                            };
                        };
                    };
                };
                /** @description The exam did not answer within the deadline: where to look. With Retry-After (accepted: false) no worker took the event: send the same request again after that many seconds */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PendingUpdate"];
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Conflicts with the current state (no longer open, assigned to someone else, sent before with another body) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The body is not of a content type this route takes */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Well-formed but refused by the rules: details lists each problem */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/claim-next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign yourself the next task of a queue (optionally of one type): the first open, unassigned task in the work-queue order (priority, then due time). A task another person is claiming at the same moment is passed over, so that people working one queue never take the same task. `task` is null when none is left */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        queue: "front_desk" | "coder" | "biller" | "supervisor";
                        /** @enum {string} */
                        type?: "registration-fix" | "eligibility-review" | "prior-auth-obtain" | "prior-auth-mismatch" | "report-signature-overdue" | "coding-review" | "claim-rejected" | "timely-filing-risk" | "claim-follow-up" | "ar-escalation" | "denial-work" | "write-off-approval" | "patient-balance-review" | "remittance-unmatched" | "credit-balance-refund" | "underpayment-review" | "no-show-review" | "claim-build-error" | "interface-error" | "stalled-exam" | "coverage-change-review";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            task: {
                                assignee: string | null;
                                claimId: string | null;
                                closedAt: string | null;
                                context: {
                                    [key: string]: unknown;
                                };
                                dueAt: string;
                                escalated: boolean;
                                examId: string | null;
                                openedAt: string;
                                overdue: boolean;
                                priority: string;
                                queue: string;
                                resolutionAction: string | null;
                                resolvedBy: string | null;
                                status: string;
                                taskId: string;
                                type: string;
                            } | null;
                        };
                    };
                };
                /** @description The request is invalid (query, path, body or header): details lists each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description No bearer token, or one that is invalid or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The token's roles may not use this route (or this queue) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Too many requests; retry later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description Internal error: details.requestId identifies it in the logs */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
                /** @description The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiError: {
            error: {
                code: string;
                details?: unknown;
                message: string;
            };
        };
        ApiErrorInput: {
            error: {
                code: string;
                details?: unknown;
                message: string;
            };
        };
        ExamEventResult: {
            exam: components["schemas"]["ExamStatus"];
            /** @enum {string} */
            outcome: "applied" | "duplicate";
        };
        ExamEventResultInput: {
            exam: components["schemas"]["ExamStatusInput"];
            /** @enum {string} */
            outcome: "applied" | "duplicate";
        };
        ExamStatus: {
            accessionNumber: string;
            balances: {
                chargeCents: number;
                patientCents: number;
                patientPaidCents: number;
                patientWrittenOffCents: number;
            };
            cancellation?: {
                at: string;
                reason: string;
            };
            claims: {
                appealLevel: number;
                claimId: string;
                component: string;
                firstSubmittedAt: string;
                patientResponsibilityCents: number;
                status: string;
                version: number;
            }[];
            coverages: {
                order: string;
                payerId: string;
            }[];
            escalated: boolean;
            examId: string;
            facilityId: string;
            nextTimers: {
                claimId: string | null;
                dueAt: string;
                kind: string;
            }[];
            openTasks: components["schemas"]["ExamTask"][];
            order: {
                modality: string;
                procedures: {
                    cpt: string;
                }[];
                scheduledAt: string;
            };
            payerId: string;
            performed: boolean;
            phase: string;
            report: {
                addenda: number;
                status: string;
            };
            run: number;
            selfPay: boolean;
            /** @enum {string} */
            status: "open" | "closed" | "cancelled";
        };
        ExamStatusInput: {
            accessionNumber: string;
            balances: {
                chargeCents: number;
                patientCents: number;
                patientPaidCents: number;
                patientWrittenOffCents: number;
            };
            cancellation?: {
                at: string;
                reason: string;
            };
            claims: {
                appealLevel: number;
                claimId: string;
                component: string;
                firstSubmittedAt: string;
                patientResponsibilityCents: number;
                status: string;
                version: number;
            }[];
            coverages: {
                order: string;
                payerId: string;
            }[];
            escalated: boolean;
            examId: string;
            facilityId: string;
            nextTimers: {
                claimId: string | null;
                dueAt: string;
                kind: string;
            }[];
            openTasks: components["schemas"]["ExamTaskInput"][];
            order: {
                modality: string;
                procedures: {
                    cpt: string;
                }[];
                scheduledAt: string;
            };
            payerId: string;
            performed: boolean;
            phase: string;
            report: {
                addenda: number;
                status: string;
            };
            run: number;
            selfPay: boolean;
            /** @enum {string} */
            status: "open" | "closed" | "cancelled";
        };
        ExamTask: {
            claimId: string | null;
            closedAt: string | null;
            context: {
                [key: string]: unknown;
            };
            dueAt: string | null;
            escalated: boolean;
            openedAt: string;
            priority: string;
            queue: string;
            resolutionAction: string | null;
            resolvedBy: string | null;
            status: string;
            taskId: string;
            type: string;
        };
        ExamTaskInput: {
            claimId: string | null;
            closedAt: string | null;
            context: {
                [key: string]: unknown;
            };
            dueAt: string | null;
            escalated: boolean;
            openedAt: string;
            priority: string;
            queue: string;
            resolutionAction: string | null;
            resolvedBy: string | null;
            status: string;
            taskId: string;
            type: string;
        };
        PendingUpdate: {
            accepted: boolean;
            examId: string;
            location: string;
            message: string;
            /** @enum {string} */
            status: "pending";
            updateId: string;
        };
        PendingUpdateInput: {
            accepted: boolean;
            examId: string;
            location: string;
            message: string;
            /** @enum {string} */
            status: "pending";
            updateId: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
