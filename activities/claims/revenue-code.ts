/**
 * NUBC revenue code of a hospital outpatient imaging service from its CPT/HCPCS code: 0350 CT,
 * 0610 MRI, 0402 ultrasound, 0401 mammography, 0404 PET, 0341 nuclear medicine diagnostic,
 * 0320 diagnostic radiology (X-ray and anything else).
 */
export function revenueCodeFor(code: string): string {
  if (/^G02(02|04|06|79)$/.test(code)) return '0401';
  const n = Number(code);
  if (!Number.isInteger(n)) return '0320';
  const within = (ranges: [number, number][]) => ranges.some(([a, b]) => n >= a && n <= b);
  if (within([[77046, 77049], [70336, 70336], [70540, 70559], [71550, 71555], [72141, 72159], [72195, 72198], [73218, 73225], [73718, 73725], [74181, 74185], [75557, 75565], [76498, 76498], [77084, 77084]])) return '0610';
  if (within([[70450, 70498], [71250, 71275], [72125, 72133], [72191, 72194], [73200, 73206], [73700, 73706], [74150, 74178], [74261, 74263], [75571, 75574], [76380, 76380], [76497, 76497], [77078, 77078]])) return '0350';
  if (within([[77051, 77067]])) return '0401';
  if (within([[76506, 76999], [93880, 93998]])) return '0402';
  if (within([[78608, 78609], [78811, 78816], [78429, 78434], [78459, 78459], [78491, 78492]])) return '0404';
  if (within([[78012, 79999]])) return '0341';
  return '0320';
}
