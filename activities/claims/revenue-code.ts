/** Therapeutic radiopharmaceuticals (0344): Lu-177, Y-90, I-131, Sr-89, Sm-153, Ra-223, NOC. */
const THERAPEUTIC_RADIOPHARMACEUTICALS = new Set(['A9513', 'A9543', 'A9545', 'A9590', 'A9600', 'A9604', 'A9606', 'A9607', 'A9699']);
/** Gadolinium-based and other contrast agents in the A95xx-A97xx range (0636); the rest of A9500-A9699 are diagnostic radiopharmaceuticals (0343). */
const CONTRAST_AGENTS = new Set(['A9575', 'A9576', 'A9577', 'A9578', 'A9579', 'A9581', 'A9583', 'A9585', 'A9698', 'A9700']);


/**
 * NUBC revenue code of a hospital outpatient imaging line when the billing entity's chargemaster names
 * none, by code family (NUBC UB-04 revenue codes):
 * - 0403 screening mammography (77067, G0202; screening tomosynthesis 77063), 0401 diagnostic
 *   mammography (77065, 77066, G0204, G0206, G0279);
 * - 035x CT: 0351 head, 0352 body (chest, abdomen, pelvis), 0350 other CT (spine, extremities, CTA
 *   outside the head, CT bone density);
 * - 061x MR: 0611 brain, 0612 spine, 0615 MRA head and neck, 0616 MRA lower extremities, 0618 MRA
 *   other, 0614 other MRI (extremities, pelvis, abdomen, breast, cardiac);
 * - 0402 ultrasound (diagnostic ultrasound and non-invasive vascular studies), 0404 PET;
 * - 0341 nuclear medicine, diagnostic procedures; 0343 diagnostic radiopharmaceuticals, 0344 therapeutic
 *   radiopharmaceuticals;
 * - 0636 drugs requiring detailed coding (contrast agents and drugs billed with their HCPCS code: low
 *   osmolar contrast Q9965-Q9967, gadolinium A9575-A9585, other Q99xx and J codes), as Medicare OPPS
 *   requires for HCPCS-coded drugs (0255, drugs incident to radiology, carries no HCPCS detail);
 * - 0324 chest X-ray, 0320 diagnostic radiology (everything else).
 */
export function revenueCodeFor(code: string): string {
  const c = code.toUpperCase();
  if (/^G0202$/.test(c)) return '0403';
  if (/^G02(04|06|79)$/.test(c)) return '0401';
  if (THERAPEUTIC_RADIOPHARMACEUTICALS.has(c)) return '0344';
  if (CONTRAST_AGENTS.has(c) || /^Q99(5\d|6\d)$/.test(c) || /^J\d{4}$/.test(c)) return '0636';
  if (/^A9[56]\d\d$/.test(c)) return '0343';
  const n = Number(c);
  if (!/^\d{5}$/.test(c) || !Number.isInteger(n)) return '0320';
  const within = (ranges: [number, number][]) => ranges.some(([a, b]) => n >= a && n <= b);
  // Mammography
  if (n === 77067 || n === 77063) return '0403';
  if (within([[77061, 77062], [77065, 77066]])) return '0401';
  // MR
  if (within([[70551, 70553], [70554, 70555]])) return '0611';
  if (within([[72141, 72158]])) return '0612';
  if (within([[70544, 70549]])) return '0615';
  if (n === 73725) return '0616';
  if (within([[71555, 71555], [72198, 72198], [74185, 74185], [73225, 73225]])) return '0618';
  if (within([[70336, 70336], [70540, 70543], [70557, 70559], [71550, 71552], [72195, 72197], [73218, 73223], [73718, 73723], [74181, 74183], [75557, 75565], [76390, 76390], [76498, 76498], [77046, 77049], [77084, 77084]])) return '0614';
  // CT
  if (within([[70450, 70470], [70496, 70496]])) return '0351';
  if (within([[71250, 71275], [72191, 72194], [74150, 74178], [74261, 74263]])) return '0352';
  if (within([[70480, 70492], [70498, 70498], [72125, 72133], [73200, 73206], [73700, 73706], [75571, 75574], [76380, 76380], [76497, 76497], [77078, 77078]])) return '0350';
  // Ultrasound and non-invasive vascular studies
  if (within([[76506, 76999], [93880, 93998]])) return '0402';
  // PET
  if (within([[78608, 78609], [78811, 78816], [78429, 78434], [78459, 78459], [78491, 78492]])) return '0404';
  // Nuclear medicine
  if (within([[78012, 79999]])) return '0341';
  if (within([[71045, 71048]])) return '0324';
  return '0320';
}
