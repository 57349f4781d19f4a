/** The monthly report's control on the regulator's console. */
const reports = {
  reports: {
    monthly: 'Monthly report',
    month: 'Report month',
    pdf: 'Download PDF',
    xlsx: 'Download Excel',
    pdfHint: 'Jurisdiction totals, trend and success-rate charts, institution table, red and black lists, the month’s warnings and their handling, definitions',
    xlsxHint: 'Sheets: overview, institutions, red and black lists, warnings, definitions',
    scopeAll: 'Scope: every center of the jurisdiction; figures from fewer than 5 cases are withheld (“—”), as on this page.',
    scopeCenter: 'Scope: the center chosen above; figures from fewer than 5 cases are withheld (“—”), as on this page.',
    failed: 'The monthly report could not be made',
  },
};

export default reports;
