import type { ServerText } from './en.js';
import type { WidgetText } from './en-widget.js';

export const DE: { server: ServerText; widget: WidgetText } = {
  server: {
    greeting:
      'Hallo! Ich bin der KI-Assistent von Acme. Fragen Sie mich alles zu Ihrem Konto, ' +
      'zur Abrechnung oder zum Produkt – oder bitten Sie jederzeit um eine Person aus unserem Team.',
    thanks: 'Gern geschehen! Wenn noch etwas ist, schreiben Sie einfach hier.',
    thanksWaiting:
      'Gern geschehen! Sie sind noch in der Warteschlange für eine Person; ' +
      'wenn Sie keine Hilfe mehr brauchen, können Sie diesen Chat einfach schließen.',
    greetingWaiting:
      'Hallo! Sie sind in der Warteschlange, gleich kümmert sich jemand aus unserem Team um Sie. ' +
      'Sie können hier in der Zwischenzeit weiterschreiben.',
    waitingNote: '(Während Sie auf unser Team warten:) ',
    clarify:
      'Damit ich Ihnen richtig helfe: Geht es um {options}? ' +
      'Ein paar Worte mehr dazu, was Sie vorhaben, helfen mir weiter.',
    or: 'oder',
    handoff:
      'Ich übergebe dieses Gespräch an unser Support-Team. ' +
      'Gleich kümmert sich jemand um Sie – Sie können hier in der Zwischenzeit weiterschreiben.',
    handoffOtherLanguage:
      'Dazu habe ich leider keinen Hilfeartikel auf Deutsch. Ich verbinde Sie mit jemandem aus unserem Team, ' +
      'der Deutsch spricht. Sie können hier in der Zwischenzeit weiterschreiben.',
    failure:
      'Entschuldigung, bei der Antwort ist ein Fehler aufgetreten. ' +
      'Ich gebe Sie an unser Support-Team weiter, damit Sie nicht warten müssen.',
    late:
      'Entschuldigen Sie die Wartezeit – ich konnte nicht rechtzeitig antworten und ' +
      'gebe Sie an unser Support-Team weiter. Gleich kümmert sich jemand um Sie.',
    agentJoined: '{name} ist dem Gespräch beigetreten.',
    contactSaved: 'Danke – wir antworten an {email}, falls hier gerade niemand erreichbar ist.',
    transfer: 'Sie werden an unser Team {team} weitergeleitet. Gleich kümmert sich jemand um Sie.',
    escalated:
      'Ihr Anliegen wurde an ein erfahrenes Mitglied unseres Teams weitergegeben, ' +
      'weil es länger dauert als es sollte. Vielen Dank für Ihre Geduld.',
    bugFixed:
      'Gute Nachricht: Das von Ihnen gemeldete Problem („{title}“) ist behoben. Danke, dass Sie es uns gesagt haben.',
    twoParts: 'Ihre Frage hat zwei Teile, die zwei Artikel beantworten:',
    readOne: 'Ganzen Artikel lesen',
    readAll: 'Ganze Artikel lesen',
  },
  widget: {
    greet:
      'Hallo! Ich bin ein KI-Assistent und antworte zuerst, auf Grundlage unserer Hilfeartikel. ' +
      'Eine Person aus unserem Team kann jederzeit übernehmen, wenn Sie möchten.',
    human: 'Mit einer Person sprechen',
    humanMsg: 'Ich möchte bitte mit einer Person sprechen.',
    subAi: 'KI-Assistent · unser Team ist nur eine Nachricht entfernt',
    subQueue: 'Warten auf unser Team',
    subAgent: 'Sie chatten mit {name}',
    queue: 'Sie wurden an unser Team übergeben – Platz {position} in der Warteschlange, etwa {minutes} Min.',
    backAt: 'Sie wurden an unser Team übergeben. Wir sind {when} wieder da und antworten Ihnen dann hier.',
    nobody:
      'Sie wurden an unser Team übergeben. Gerade ist niemand erreichbar; ' +
      'wir antworten hier, sobald jemand zurück ist.',
    mailTitle: 'Lieber per E-Mail? Hinterlassen Sie Ihre Adresse, dann machen wir dort weiter.',
    mailSend: 'Per E-Mail fortfahren',
    mailSaved: 'Danke, wir antworten an {email}.',
    retryFail: 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
    csatTitle: 'Wie war unser Support?',
    csatThanks: 'Vielen Dank für Ihr Feedback!',
    csatSend: 'Bewertung senden',
    resolved: 'Dieses Gespräch wurde abgeschlossen. Schreiben Sie jederzeit, wenn Sie weitere Hilfe brauchen.',
    readOne: 'Ganzen Artikel lesen',
    readAll: 'Ganze Artikel lesen',
    input: 'Ihre Nachricht…',
    ai: 'KI-Assistent',
    agent: 'Support-Mitarbeiter',
    helped: 'Hat das geholfen?',
    yes: 'Ja',
    no: 'Nein',
    fbYes: 'Danke für Ihre Rückmeldung!',
    fbNo: 'Danke. Bei Ihrer nächsten Nachricht hilft Ihnen eine Person aus unserem Team.',
    close: 'Chat schließen',
    attach: 'Screenshot oder Datei anhängen',
    msg: 'Nachricht',
    send: 'Senden',
    mail: 'Ihre E-Mail-Adresse',
    note: 'Kommentar (optional)',
    notePh: 'Möchten Sie noch etwas ergänzen? (optional)',
    said: 'Sie schrieben: ',
    sending: 'Wird gesendet…',
    notSent: 'Nicht gesendet',
    retry: 'Erneut versuchen',
    sugg: 'Vorgeschlagene Fragen',
    log: 'Gespräch',
    reconn: 'Verbindung wird wiederhergestellt…',
    down: 'Der Chat ist gerade nicht erreichbar. Neuer Versuch läuft…',
    team: 'Unser Team',
    asst: 'Assistent',
    typing: '{name} schreibt…',
    anAgent: 'Ein Mitarbeiter',
    article: 'Artikel',
    rate: '{n} von 5, {label}',
    rates: 'Sehr schlecht|Schlecht|Okay|Gut|Sehr gut',
    open: 'Chat öffnen',
    unread: 'ungelesene Nachrichten',
    unread1: 'ungelesene Nachricht',
    newTab: ' (öffnet in neuem Tab)',
    attached: 'Angehängt: {name}',
  },
};
