/** Personal data: the center's retention of closed cases, and the consumer's copy of their data (PIPL). */
const privacy = {
  privacy: {
    retentionTitle: 'Personal data retention',
    retentionIntro:
      'Once a closed (or rejected) case has been closed this long, a daily job erases the consumer’s name, ID number, phone, e-mail, evidence files and the texts of messages sent to them; statistics do not change, and every erasure is in the audit log.',
    retentionMonths: 'Keep after closure (months)',
    retentionHelp: '6 to 360 months; 36 (3 years) by default.',
    retentionInYears: 'about {{years}} years',
    retentionSave: 'Save period',
    retentionSaved: 'Retention period saved; the next daily run applies it',
    myDataTitle: 'My personal data',
    myDataIntro: 'Download a copy (PDF) of the personal data the center holds about you for this case. Each download is logged.',
    myDataDownload: 'Download my data (PDF)',
  },
};

export default privacy;
