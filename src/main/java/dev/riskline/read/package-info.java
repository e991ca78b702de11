/**
 * Finding formats → findings or rejections. {@link dev.riskline.read.FindingReader} detects the format of
 * each file and of each record in it (ASFF lists and objects, {@code get-findings} output, NDJSON,
 * EventBridge envelopes, Amazon Inspector v2 native findings, OCSF), maps it to an ASFF finding, validates
 * it, and hands on either a {@link dev.riskline.finding.Finding} or a {@link dev.riskline.read.Rejection}
 * that names the file, the record, the JSON path and the reason. Streaming: memory does not grow with
 * the file.
 */
package dev.riskline.read;
